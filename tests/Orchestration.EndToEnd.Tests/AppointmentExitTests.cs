using System.Text.Json;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>The appointment procedure's exits: each rejection ends it with its reason, where the rules say so with the cool-off.</summary>
public sealed class AppointmentExitTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    [Fact]
    public async Task N5_a_recommendation_below_half_ends_the_procedure()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync(meetingVotesFor: 49, meetingBallotsCast: 100);

        var finished = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(finished)[^2..].ShouldBe(["awaitRecommendation", "notRecommended"]);
        ProcedureSystem.ResultsOf(finished, "awaitRecommendation")[^1]["ruleId"]!.GetValue<string>().ShouldBe("N5");
    }

    [Fact]
    public async Task V5_a_veto_in_deliberation_ends_the_procedure_before_the_standing_committee()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync();
        await cadre.InspectedAsync();
        await cadre.DeliberatedAsync(disciplineCommission: "Disagrees");

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps[^2..].ShouldBe(["awaitDeliberation", "vetoed"]);
        steps.ShouldNotContain("awaitMeeting");
        ProcedureSystem.ResultsOf(finished, "awaitDeliberation")[^1]["ruleId"]!.GetValue<string>().ShouldBe("V5");
    }

    [Fact]
    public async Task V6_a_meeting_without_quorum_is_held_again_and_then_decides()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await cadre.DecisionMeetingAsync(membersPresent: 7); // 7 of 11 is below two thirds
        await system.WaitsAtAsync(procedure, "awaitMeeting");
        await cadre.DecisionMeetingAsync(membersPresent: 9);
        await system.WaitsAtAsync(procedure, "awaitPublication");

        var instance = await system.InstanceAsync(procedure);
        var outcomes = instance["journal"]!.AsArray()
            .Where(j => j!["eventName"]!.GetValue<string>() == "Completed" && j["activityId"]!.GetValue<string>() == "awaitMeeting")
            .Select(j => j!["message"]!.GetValue<string>()).ToList();
        outcomes.ShouldBe(["QuorumMissing", "Approved"]);
    }

    [Fact]
    public async Task C4_a_report_confirmed_during_the_publicity_cancels_the_appointment()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await cadre.DecisionMeetingAsync();
        await cadre.PublicizedAsync();
        await cadre.ReportVerifiedAsync("Confirmed");
        await system.PassTimerAsync(procedure, "publicity");

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps[^2..].ShouldBe(["closePublicity", "reportConfirmed"]);
        steps.ShouldNotContain("appoint");
        ProcedureSystem.ResultsOf(finished, "closePublicity")[^1]["ruleId"]!.GetValue<string>().ShouldBe("C4");
    }

    async Task<Guid> RejectedAsync(AppointmentProcedure cadre, Guid procedure)
    {
        await system.WaitsAtAsync(procedure, "awaitMeeting");
        var rejected = JsonSerializer.SerializeToNode(AppointmentProcedure.Meeting(cadre.Cadre, procedure))!.AsObject();
        rejected["votesFor"] = 3;
        rejected["votesAgainst"] = 6;
        rejected["ballots"] = new JsonArray([.. AppointmentProcedure.Voters.Select((member, i) => (JsonNode)new JsonObject { ["member"] = member, ["vote"] = i < 3 ? "For" : "Against" })]);
        var answer = await system.Vetting.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment).PostAsJsonAsync("/api/vetting/decision-meetings", rejected);
        answer.IsSuccessStatusCode.ShouldBeTrue(await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    Task<JsonArray?> FailuresOf(AppointmentProcedure cadre) => system.Nomination.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment)
        .GetFromJsonAsync<JsonArray>($"/api/nomination/nomination-failures?cadreId={cadre.Cadre}");

    [Fact]
    public async Task V6_a_rejection_at_the_decision_meeting_starts_the_one_year_cool_off_and_ends_when_no_reconsideration_comes_in_its_window()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await RejectedAsync(cadre, procedure);

        await system.WaitsAtAsync(procedure, "awaitReconsideration");
        await system.PassTimerAsync(procedure, "reconsiderationWindow"); // past the 20 working days for asking
        var finished = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(finished)[^4..].ShouldBe(["reconsiderationWindow", "reconsiderationJoin", "wasReconsidered", "notAppointed"]);
        var failures = (await FailuresOf(cadre))!;
        failures.Count.ShouldBe(1);
        failures[0]!["stage"]!.GetValue<string>().ShouldBe("DecisionMeeting");
        failures[0]!["liftedAt"].ShouldBeNull();
    }

    [Fact]
    public async Task V6_a_reconsideration_without_half_of_the_committee_consenting_ends_the_procedure_with_the_cool_off_standing()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        var meeting = await RejectedAsync(cadre, procedure);
        await system.WaitsAtAsync(procedure, "awaitReconsideration");

        (await system.Vetting.CreateClientAs(AppointmentProcedure.Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment).PostAsJsonAsync(
            $"/api/vetting/decision-meetings/{meeting}/reconsiderations", new { membersTotal = 11, consenting = AppointmentProcedure.Voters[..5], procedureId = procedure }))
            .EnsureSuccessStatusCode(); // recorded: 5 of 11 did not consent to reconsider

        var finished = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(finished)[^4..].ShouldBe(["awaitReconsideration", "reconsiderationJoin", "wasReconsidered", "notAppointed"]);
        (await FailuresOf(cadre))![0]!["liftedAt"].ShouldBeNull();
    }

    [Fact]
    public async Task V6_a_reconsideration_half_of_the_committee_or_more_consent_to_lifts_the_cool_off_and_the_committee_votes_again()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        var meeting = await RejectedAsync(cadre, procedure);
        await system.WaitsAtAsync(procedure, "awaitReconsideration");
        var vetting = system.Vetting.CreateClientAs(AppointmentProcedure.Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment);

        // 「一半以上常委同意」: 6 of 11 consent; asked at the rejected meeting's address, the reconsideration belongs to its procedure.
        (await vetting.PostAsJsonAsync($"/api/vetting/decision-meetings/{meeting}/reconsiderations",
            new { membersTotal = 11, consenting = AppointmentProcedure.Voters[..6] })).EnsureSuccessStatusCode();

        await system.WaitsAtAsync(procedure, "awaitMeeting");
        await Eventually.True(async () => (await FailuresOf(cadre))![0]!["liftedAt"] is not null, "the cool-off to be lifted");
        await cadre.DecisionMeetingAsync();
        await system.WaitsAtAsync(procedure, "awaitPublication");
    }

    [Fact]
    public async Task V7_a_sanction_on_the_file_holds_the_procedure_before_the_decision_until_the_superior_approves()
    {
        var cadre = new AppointmentProcedure(system);
        await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync();
        await cadre.InspectedAsync();
        var vetting = system.Vetting.CreateClientAs(AppointmentProcedure.Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment);
        (await vetting.PostAsJsonAsync($"/api/vetting/cadre-files/{cadre.Cadre}/entries", new { category = "Punishment", summary = "党内警告处分", year = 2023 }))
            .EnsureSuccessStatusCode();
        await cadre.DeliberatedAsync();

        // 「受过党纪政纪处分的人员，在决定提拔前，要报州党委组织部审核」: the procedure waits for the review, then checks again.
        await system.WaitsAtAsync(cadre.Procedure, "awaitPreFiling");
        (await vetting.PostAsJsonAsync("/api/vetting/pre-filings",
            new { cadreId = cadre.Cadre, cases = new[] { "PastSanction" }, approved = true, reviewer = "州委组织部", procedureId = cadre.Procedure })).EnsureSuccessStatusCode();
        await system.WaitsAtAsync(cadre.Procedure, "awaitMeeting");
        await cadre.DecisionMeetingAsync();
        await system.WaitsAtAsync(cadre.Procedure, "awaitPublication");

        var steps = ProcedureSystem.CompletedSteps(await system.InstanceAsync(cadre.Procedure));
        steps.SkipWhile(s => s != "awaitDeliberation").Take(5).ShouldBe(["awaitDeliberation", "checkPreFiling", "awaitPreFiling", "checkPreFiling", "awaitMeeting"]);
    }

    [Fact]
    public async Task V7_the_superiors_refusal_ends_the_procedure()
    {
        var cadre = new AppointmentProcedure(system);
        await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync();
        await cadre.InspectedAsync();
        var vetting = system.Vetting.CreateClientAs(AppointmentProcedure.Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment);
        (await vetting.PostAsJsonAsync($"/api/vetting/cadre-files/{cadre.Cadre}/entries", new { category = "Punishment", summary = "行政记过", year = 2022 }))
            .EnsureSuccessStatusCode();
        await cadre.DeliberatedAsync();
        await system.WaitsAtAsync(cadre.Procedure, "awaitPreFiling");

        (await vetting.PostAsJsonAsync("/api/vetting/pre-filings",
            new { cadreId = cadre.Cadre, cases = new[] { "PastSanction" }, approved = false, reviewer = "州委组织部", procedureId = cadre.Procedure })).EnsureSuccessStatusCode();

        var finished = await system.FinishedAsync(cadre.Procedure);
        ProcedureSystem.CompletedSteps(finished)[^2..].ShouldBe(["awaitPreFiling", "preFilingRefused"]);
    }
}
