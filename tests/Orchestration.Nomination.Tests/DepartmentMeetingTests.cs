using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.DepartmentMeetings;
using Orchestration.Nomination.Recommendations;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>
/// N5 at the 部务会议 (seed 001: 「按照规定程序进行民主推荐，并经部务会议集体研究确定考察对象」): the organization department's meeting chooses
/// the inspection candidates from the recommendation, by its ranking; who attended is on record (C2); each candidate's procedure hears
/// whether it was chosen.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class DepartmentMeetingTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    static readonly string[] Attendees = ["部长 李", "副部长 王", "干部科 赵"];

    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1);

    HttpClient Client(string? ofTenant = null) => nomination.Host.CreateClientFor(ofTenant ?? tenant, Roles.OrganizationDepartment);

    /// <summary>A counted round: <paramref name="meetingVotesFor"/> of 100 ballots, no conversations (N5: 50% or more passes).</summary>
    async Task<Guid> Recommended(int meetingVotesFor, Guid? procedureId = null, string? ofTenant = null)
    {
        var cadreId = Guid.NewGuid();
        (await Client(ofTenant).PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(cadreId, meetingVotesFor, 100, ProcedureId: procedureId))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return cadreId;
    }

    Task<HttpResponseMessage> Meeting(Guid[] considered, Guid[] chosen, string? departureReason = null, string[]? attendees = null) =>
        Client().PostAsJsonAsync("/api/nomination/department-meetings",
            new RecordDepartmentMeetingRequest(Today, attendees ?? Attendees, considered, chosen, departureReason, "副局长"));

    async Task<int> StoredMeetings()
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NominationDbContext>().DepartmentMeetings.CountAsync(m => m.TenantId == tenant);
    }

    [Fact]
    public async Task N5_the_meeting_chooses_the_best_recommended_candidates_ranked_by_their_rounds_with_who_attended()
    {
        var (first, second, third) = (await Recommended(72), await Recommended(64), await Recommended(55));

        var meeting = await (await Meeting([third, first, second], [first, second])).ShouldBeCreated<DepartmentMeetingResponse>();

        meeting.Candidates.Select(c => (c.CadreId, c.Rank, c.Chosen)).ShouldBe([(first, 1, true), (second, 2, true), (third, 3, false)]);
        meeting.Attendees.ShouldBe(Attendees);
        meeting.DepartureReason.ShouldBeNull();
        var read = (await Client().GetFromJsonAsync<DepartmentMeetingResponse>($"/api/nomination/department-meetings/{meeting.Id}", Problems.Json))!;
        read.Candidates.Count.ShouldBe(3);
        (await Client($"county-{Guid.NewGuid():N}"[..16]).GetAsync($"/api/nomination/department-meetings/{meeting.Id}")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound); // another county's meeting is not found
    }

    [Fact]
    public async Task N5_a_candidate_below_half_in_the_recommendation_cannot_be_chosen_and_one_at_half_can()
    {
        var (below, atHalf) = (await Recommended(49), await Recommended(50));

        await (await Meeting([below, atHalf], [below])).ShouldNameFieldAndRule("chosen", "N5");
        (await StoredMeetings()).ShouldBe(0);

        (await (await Meeting([below, atHalf], [atHalf])).ShouldBeCreated<DepartmentMeetingResponse>()).Candidates.Single(c => c.Chosen).CadreId.ShouldBe(atHalf);
    }

    [Fact]
    public async Task N5_passing_over_a_higher_ranked_candidate_needs_the_meetings_stated_reason()
    {
        var (higher, lower) = (await Recommended(70), await Recommended(60));

        await (await Meeting([higher, lower], [lower])).ShouldNameFieldAndRule("departureReason", "N5");
        (await StoredMeetings()).ShouldBe(0);

        var meeting = await (await Meeting([higher, lower], [lower], departureReason: "考察对象需具有乡镇党政正职经历")).ShouldBeCreated<DepartmentMeetingResponse>();
        meeting.DepartureReason.ShouldBe("考察对象需具有乡镇党政正职经历");
        // Choosing the higher-ranked one alone departs from nothing.
        (await Meeting([higher, lower], [higher])).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task N5_a_candidate_without_a_round_of_the_county_or_a_choice_outside_those_considered_is_refused()
    {
        var recommended = await Recommended(70);
        var elsewhere = await Recommended(80, ofTenant: $"county-{Guid.NewGuid():N}"[..16]);

        await (await Meeting([recommended, elsewhere], [recommended])).ShouldNameFieldAndRule("considered", "N5");
        await (await Meeting([recommended], [recommended, Guid.NewGuid()])).ShouldNameFieldAndRule("chosen", "N5");
        (await StoredMeetings()).ShouldBe(0);
    }

    [Fact]
    public async Task C2_the_meeting_names_who_attended_each_once()
    {
        var recommended = await Recommended(70);

        await (await Meeting([recommended], [recommended], attendees: [])).ShouldNameFieldAndRule("attendees", "C2");
        await (await Meeting([recommended], [recommended], attendees: ["部长 李", "部长 李 "])).ShouldNameFieldAndRule("attendees", "C2");
        (await StoredMeetings()).ShouldBe(0);
    }

    [Fact]
    public void N5_equal_scores_share_a_rank_and_choosing_either_departs_from_no_one()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ranked = InspectionCandidateRules.Rank(
            [new(a, Guid.NewGuid(), Guid.Empty, 0.6m, true), new(b, Guid.NewGuid(), Guid.Empty, 0.6m, true), new(c, Guid.NewGuid(), Guid.Empty, 0.55m, true)],
            [b]);

        ranked.Select(r => r.Rank).ShouldBe([1, 1, 3]);
        InspectionCandidateRules.Check(ranked, null).ShouldBeNull();
        InspectionCandidateRules.Check(InspectionCandidateRules.Rank(
            [new(a, Guid.NewGuid(), Guid.Empty, 0.6m, true), new(c, Guid.NewGuid(), Guid.Empty, 0.55m, true)], [c]), null)!.RuleId.ShouldBe("N5");
    }

    [Fact]
    public async Task N5_each_considered_candidates_procedure_hears_whether_it_was_chosen_over_the_real_bus()
    {
        var (chosenProcedure, otherProcedure) = (Guid.NewGuid(), Guid.NewGuid());
        var chosen = await Recommended(75, chosenProcedure);
        var other = await Recommended(52, otherProcedure);
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(DepartmentMeetingHeld));

        (await Meeting([chosen, other], [chosen])).StatusCode.ShouldBe(HttpStatusCode.Created);

        var passed = await probe.WaitFor<DepartmentMeetingHeld>(e => e.ProcedureId == chosenProcedure);
        passed.Outcome.ShouldBe(Outcomes.Passed);
        passed.Rank.ShouldBe(1);
        passed.Attendees.ShouldBe(Attendees);
        var failed = await probe.WaitFor<DepartmentMeetingHeld>(e => e.ProcedureId == otherProcedure);
        failed.Outcome.ShouldBe(Outcomes.Failed);
        failed.RuleId.ShouldBe("N5");
        failed.CadreId.ShouldBe(other);
    }

    [Fact]
    public async Task N5_a_procedures_step_refused_on_the_bus_answers_Failed_with_the_rule_and_stores_nothing()
    {
        var procedureId = Guid.NewGuid();
        var below = await Recommended(40, procedureId);
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(DepartmentMeetingHeld));

        await probe.Publish(new RecordDepartmentMeeting(procedureId, tenant, below, Today, Attendees, null, [below]));

        var answer = await probe.WaitFor<DepartmentMeetingHeld>(e => e.ProcedureId == procedureId);
        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("N5");
        (await StoredMeetings()).ShouldBe(0);
    }
}
