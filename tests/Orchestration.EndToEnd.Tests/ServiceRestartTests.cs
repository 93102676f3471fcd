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
        var procedure = await cadre.ReadyForDecisionAsync();
        await cadre.DecisionMeetingAsync();
        await cadre.PublicizedAsync();

        // The publicity's working days end while the vetting service is down: closing it waits in the service's queue.
        await system.Vetting.DisposeAsync();
        system.Advance(TimeSpan.FromDays(8));
        await system.WaitsAtAsync(procedure, "closePublicity");
        await system.RestartVettingAsync();

        await system.WaitsAtAsync(procedure, "awaitExam");
        var closed = ProcedureSystem.ResultsOf(await system.InstanceAsync(procedure), "closePublicity");
        closed.Count.ShouldBe(1, "the publicity was closed once, after the restart");
        closed[0]["outcome"]!.GetValue<string>().ShouldBe("Passed");

        // The rest of the procedure runs on the restarted host.
        await cadre.AppointedAsync();
        await cadre.ProbationAssessedAsync(approved: true);

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps.Count(s => s == "closePublicity").ShouldBe(1);
        steps.ShouldBe(steps.Distinct().ToList(), "no step ran twice");
        steps[^1].ShouldBe("formallyAppointed");
        await system.JournalIntactAsync(procedure);
    }
}
