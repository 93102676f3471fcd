using System.Text.Json;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
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
        system.Advance(TimeSpan.FromDays(8));

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps[^2..].ShouldBe(["closePublicity", "reportConfirmed"]);
        steps.ShouldNotContain("appoint");
        ProcedureSystem.ResultsOf(finished, "closePublicity")[^1]["ruleId"]!.GetValue<string>().ShouldBe("C4");
    }

    [Fact]
    public async Task V6_a_rejection_at_the_decision_meeting_starts_the_one_year_cool_off()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await system.WaitsAtAsync(procedure, "awaitMeeting");
        var rejected = JsonSerializer.SerializeToNode(AppointmentProcedure.Meeting(cadre.Cadre, procedure))!.AsObject();
        rejected["votesFor"] = 3;
        rejected["votesAgainst"] = 6;
        rejected["ballots"] = new JsonArray([.. AppointmentProcedure.Voters.Select((member, i) => (JsonNode)new JsonObject { ["member"] = member, ["vote"] = i < 3 ? "For" : "Against" })]);
        var answer = await system.Vetting.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment).PostAsJsonAsync("/api/vetting/decision-meetings", rejected);
        answer.IsSuccessStatusCode.ShouldBeTrue(await answer.Content.ReadAsStringAsync());

        var finished = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(finished)[^3..].ShouldBe(["awaitMeeting", "recordDecisionFailure", "notAppointed"]);
        var failures = (await system.Nomination.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment)
            .GetFromJsonAsync<JsonArray>($"/api/nomination/nomination-failures?cadreId={cadre.Cadre}"))!;
        failures.Count.ShouldBe(1);
        failures[0]!["stage"]!.GetValue<string>().ShouldBe("DecisionMeeting");
    }
}
