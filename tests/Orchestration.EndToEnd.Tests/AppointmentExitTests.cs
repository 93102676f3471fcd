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
        await cadre.ChosenForInspectionAsync();
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

    [Fact]
    public async Task V6_a_rejection_without_a_reconsideration_within_the_window_ends_the_procedure_with_the_one_year_cool_off()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await cadre.RejectedAsync();
        await system.WaitsAtAsync(procedure, "awaitReconsideration");

        await system.PassTimerAsync(procedure, "reconsiderationWindow"); // ten working days pass without a reconsideration being asked

        var finished = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(finished)[^7..].ShouldBe(
            ["awaitMeeting", "recordDecisionFailure", "reconsiderationOpen", "reconsiderationWindow", "reconsiderationEnded", "reconsidered", "notAppointed"]);
        var failures = (await system.Nomination.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment)
            .GetFromJsonAsync<JsonArray>($"/api/nomination/nomination-failures?cadreId={cadre.Cadre}"))!;
        failures.Count.ShouldBe(1);
        failures[0]!["stage"]!.GetValue<string>().ShouldBe("DecisionMeeting");
        failures[0]!["liftedAt"].ShouldBeNull(); // N6: the cool-off stands
    }

    [Fact]
    public async Task V6_a_reconsideration_without_half_of_the_committee_ends_the_procedure_and_the_cool_off_stands()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        var rejected = await cadre.RejectedAsync();
        await system.WaitsAtAsync(procedure, "awaitReconsideration");

        await cadre.ReconsideredAsync(rejected["id"]!.GetValue<Guid>(), consenting: 5); // 5 of 11 is less than half

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps.ShouldContain("awaitReconsideration");
        steps.ShouldNotContain("liftCoolOff");
        steps[^1].ShouldBe("notAppointed");
        ProcedureSystem.ResultsOf(finished, "awaitReconsideration")[^1]["ruleId"]!.GetValue<string>().ShouldBe("V6");
        var failures = (await system.Nomination.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment)
            .GetFromJsonAsync<JsonArray>($"/api/nomination/nomination-failures?cadreId={cadre.Cadre}"))!;
        failures.Single()!["liftedAt"].ShouldBeNull();
    }

    [Fact]
    public async Task V7_the_superiors_refusal_of_a_pre_filing_case_ends_the_procedure_before_the_standing_committee()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync(relationship: "CollateralRelative");
        await system.WaitsAtAsync(procedure, "awaitPreFilingReview");

        await cadre.PreFilingReviewedAsync(approved: false);

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps[^3..].ShouldBe(["checkPreFiling", "awaitPreFilingReview", "preFilingRefused"]);
        steps.ShouldNotContain("awaitMeeting");
        ProcedureSystem.ResultsOf(finished, "awaitPreFilingReview")[^1]["ruleId"]!.GetValue<string>().ShouldBe("V7");
    }

    [Fact]
    public async Task N5_a_nominee_the_department_meeting_does_not_choose_ends_the_procedure_before_the_inspection()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync(meetingVotesFor: 58);
        await system.WaitsAtAsync(procedure, "awaitDepartmentMeeting");
        var clerk = system.Nomination.CreateClientAs(AppointmentProcedure.Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment);
        (await clerk.PostAsJsonAsync("/api/nomination/recommendation-rounds", new { cadreId = cadre.Rival, meetingVotesFor = 80, meetingBallotsCast = 100 }))
            .EnsureSuccessStatusCode();

        var meeting = await clerk.PostAsJsonAsync("/api/nomination/department-meetings", new
        {
            heldOn = DateOnly.FromDateTime(system.Clock.GetUtcNow().AddHours(8).DateTime), attendees = AppointmentProcedure.DepartmentMeetingAttendees,
            considered = new[] { cadre.Cadre, cadre.Rival }, chosen = new[] { cadre.Rival }, procedureId = procedure, cadreId = cadre.Cadre,
        });
        meeting.IsSuccessStatusCode.ShouldBeTrue(await meeting.Content.ReadAsStringAsync());

        var finished = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(finished)[^2..].ShouldBe(["awaitDepartmentMeeting", "notChosen"]);
        var answer = ProcedureSystem.ResultsOf(finished, "awaitDepartmentMeeting")[^1];
        answer["ruleId"]!.GetValue<string>().ShouldBe("N5");
        answer["rank"]!.GetValue<int>().ShouldBe(2);
    }
}
