using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>A domain service's host killed in the middle of the appointment procedure and started again over its database.</summary>
public sealed class ServiceRestartTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    [Fact]
    public async Task A_vetting_host_killed_mid_procedure_and_restarted_loses_no_step_and_repeats_none()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync();
        await system.WaitsAtAsync(procedure, "awaitInspectionPlan");

        // The inspection is planned while the vetting service is down: the command waits in its queue.
        await system.Vetting.DisposeAsync();
        await system.RaiseAsync(procedure, "inspection-planned", new
        {
            startsOn = DateOnly.FromDateTime(system.Clock.GetUtcNow().AddHours(8).AddDays(1).DateTime), posts = 1,
            candidates = new[] { cadre.Cadre, cadre.Rival }, teamLeader = AppointmentProcedure.TeamLeader,
        });
        await system.WaitsAtAsync(procedure, "announceInspection");
        await system.RestartVettingAsync();

        await system.WaitsAtAsync(procedure, "awaitDisclosure");
        var inspections = (await system.Vetting.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment)
            .GetFromJsonAsync<JsonArray>($"/api/vetting/inspections?cadreId={cadre.Cadre}"))!;
        inspections.Count.ShouldBe(1);

        // The rest of the procedure runs on the restarted host.
        await system.RaiseAsync(procedure, "disclosure-filed", new
        {
            rank = "Deputy", selfEvaluation = "Nothing withheld.",
            items = new[]
            {
                "MarriageChanges", "PrivatePassports", "PrivateTripsAbroad", "FamilyEmigration", "FamilyEmploymentAndOwnPay", "RealEstate",
                "SecuritiesFundsAndInsurance", "FamilyInvestmentsInUnlistedCompanies", "FamilyBusinesses",
            }.Select(category => new { category, statement = "None to report." }),
        });
        await system.WaitsAtAsync(procedure, "disclosurePosting");
        system.Advance(TimeSpan.FromDays(8));
        await system.WaitsAtAsync(procedure, "awaitInspectionResult");
        await system.RaiseAsync(procedure, "inspection-concluded", new { qualified = true });
        await cadre.DeliberatedAsync();
        await cadre.DecisionMeetingAsync();
        await cadre.PublicizedAsync();
        await cadre.AppointedAsync();
        await cadre.ProbationAssessedAsync(approved: true);

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps.Count(s => s == "announceInspection").ShouldBe(1);
        steps.ShouldBe(steps.Distinct().ToList(), "no step ran twice");
        steps[^1].ShouldBe("formallyAppointed");
        await system.JournalIntactAsync(procedure);
    }
}
