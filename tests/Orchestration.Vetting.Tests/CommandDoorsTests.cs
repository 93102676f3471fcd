using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.Vetting.Accountability;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.IntegrityExams;
using Orchestration.Vetting.Publicity;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>
/// One validator per command, whichever door it comes through: the same invalid command sent over HTTP and by a procedure over the
/// real RabbitMQ is refused by the same rule (a 400 naming field and rule; the step's result event with that rule) and stores nothing.
/// The person behind a command is recorded as its actor and travels with its answer.
/// </summary>
[Collection(VettingCollection.Name)]
public sealed class CommandDoorsTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    static readonly Guid Cadre = Guid.NewGuid();

    /// <summary>Sends the request over HTTP and the command over the bus; both must be refused by <paramref name="rule"/>, and nothing stored.</summary>
    async Task RefusedOnBothDoors<TCommand, TResult, TEntity>(string path, object request, Func<Guid, TCommand> command, string field, string rule,
        string refusedOutcome)
        where TCommand : class, IDomainCommand<TResult> where TResult : class, IDomainResult where TEntity : class
    {
        await VettingApi.ShouldBeRefused(await api.Post(path, request), field, rule);

        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(TResult));
        var procedureId = Guid.NewGuid();
        await probe.Publish(command(procedureId));
        var answer = await probe.WaitFor<TResult>(e => e.ProcedureId == procedureId);
        answer.RuleId.ShouldBe(rule, answer.Reason);
        answer.Outcome.ShouldBe(refusedOutcome);

        (await api.Count<TEntity>()).ShouldBe(0);
    }

    Task MeetingRefused(RecordDecisionMeetingRequest meeting, string field, string rule) =>
        RefusedOnBothDoors<HoldDecisionMeeting, DecisionMeetingHeld, DecisionMeeting>("decision-meetings", meeting,
            procedureId => meeting.ToCommand(api.Tenant) with { ProcedureId = procedureId }, field, rule, DecisionOutcomes.Deferred);

    [Fact]
    public Task V6_a_committee_of_no_members_decides_nothing_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 0, 9, 7, 2), "membersTotal", "V6");

    [Fact]
    public Task V6_more_votes_than_members_present_is_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 10, 9, 7, 2) with { VotesFor = 8 }, "votesFor", "V6");

    [Fact]
    public Task V6_ballots_that_disagree_with_the_counts_are_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 10, 9, 7, 2) with { Ballots = VettingApi.Ballots(9, 6, 3) }, "ballots", "V6");

    [Fact]
    public Task V6_the_secretary_speaking_first_is_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 10, 9, 7, 2) with { SpeakingOrder = ["member-1", "member-2", "member-3"], Secretary = "member-1" },
            "speakingOrder", "V6");

    [Fact]
    public Task C2_a_member_present_but_not_named_is_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 10, 9, 7, 2) with { Voters = VettingApi.Members(8) }, "voters", "C2");

    [Fact]
    public Task C2_a_voter_named_twice_after_trimming_is_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 10, 9, 7, 2) with { Voters = [.. VettingApi.Members(8), " member-1 "] }, "voters", "C2");

    [Fact]
    public Task C2_a_voter_named_twice_in_two_Unicode_forms_is_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 3, 2, 2, 0) with
        {
            Voters = ["Jos\u00e9", "Jose\u0301"],
            Ballots = [new("Jos\u00e9", BallotVote.For), new("Jose\u0301", BallotVote.For)],
        }, "voters", "C2");

    [Fact]
    public Task C2_an_open_ballot_without_each_members_vote_is_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 10, 9, 7, 2) with { Ballots = null }, "ballots", "C2");

    [Fact]
    public Task C2_a_secret_ballot_that_says_how_members_voted_is_refused_on_either_door() =>
        MeetingRefused(VettingApi.Meeting(Cadre, 31, 25, 20, 5) with { Body = DecisionBody.FullCommittee, PrincipalPost = true, SecretBallot = true },
            "ballots", "C2");

    [Fact]
    public Task V3_an_exam_score_out_of_range_is_refused_on_either_door() =>
        RefusedOnBothDoors<RecordIntegrityExam, IntegrityExamRecorded, IntegrityExam>("integrity-exams", new IntegrityExamRequest(Cadre, 101),
            procedureId => new RecordIntegrityExam(procedureId, api.Tenant, Cadre, 101), "score", "V3", Outcomes.Failed);

    [Fact]
    public Task V8_a_publicity_dated_years_away_is_refused_on_either_door()
    {
        var opensOn = VettingApi.Today.AddYears(-2);
        return RefusedOnBothDoors<OpenPublicity, PublicityOpened, PublicityWindow>("publicity", new OpenPublicityRequest(Cadre, opensOn),
            procedureId => new OpenPublicity(procedureId, api.Tenant, Cadre, opensOn), "opensOn", "V8", Outcomes.Failed);
    }

    [Fact]
    public async Task V6_names_are_compared_trimmed_and_in_NFC_so_a_secretary_written_apart_still_speaks_last()
    {
        var meeting = VettingApi.Meeting(Guid.NewGuid(), 3, 3, 3, 0) with
        {
            Voters = ["Jos\u00e9", "member-2", "member-3"],
            Ballots = [new("Jose\u0301 ", BallotVote.For), new("member-2", BallotVote.For), new("member-3", BallotVote.For)],
            SpeakingOrder = ["member-2", "member-3", " Jose\u0301"],
            Secretary = "Jos\u00e9",
        };

        var held = await api.Post<DecisionMeetingResponse>("decision-meetings", meeting);

        held.Outcome.ShouldBe(DecisionOutcomes.Approved);
        held.Ballots.Select(b => b.Member).ShouldBe(["Jos\u00e9", "member-2", "member-3"]);
        held.SpeakingOrder[^1].ShouldBe("Jos\u00e9");
    }

    [Fact]
    public async Task C1_a_command_sent_for_clerk_7_is_recorded_by_clerk_7_and_its_answer_carries_the_actor()
    {
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(IntegrityExamRecorded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RecordIntegrityExam(procedureId, api.Tenant, Guid.NewGuid(), 80), CommandActor.Header, "clerk-7");

        var recorded = await probe.WaitFor<IntegrityExamRecorded>(e => e.ProcedureId == procedureId);
        recorded.Outcome.ShouldBe(Outcomes.Passed);
        probe.HeaderOf(recorded, CommandActor.Header).ShouldBe("clerk-7");
        (await api.Db(db => db.IntegrityExams.SingleAsync(e => e.ProcedureId == procedureId))).RecordedBy.ShouldBe("clerk-7");
    }

    [Fact]
    public async Task C1_a_command_without_an_actor_is_recorded_by_its_procedure()
    {
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(IntegrityExamRecorded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RecordIntegrityExam(procedureId, api.Tenant, Guid.NewGuid(), 80));

        var recorded = await probe.WaitFor<IntegrityExamRecorded>(e => e.ProcedureId == procedureId);
        probe.HeaderOf(recorded, CommandActor.Header).ShouldBe($"workflow:{procedureId}");
        (await api.Db(db => db.IntegrityExams.SingleAsync(e => e.ProcedureId == procedureId))).RecordedBy.ShouldBe($"workflow:{procedureId}");
    }

    [Fact]
    public async Task C2_a_meeting_held_for_clerk_7_records_how_each_member_voted_and_answers_with_the_ballots()
    {
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(DecisionMeetingHeld));
        var procedureId = Guid.NewGuid();
        var cadreId = Guid.NewGuid();

        await probe.Publish(api.MeetingCommand(procedureId, cadreId, 10, 9, 6, 2), CommandActor.Header, "clerk-7");

        var held = await probe.WaitFor<DecisionMeetingHeld>(e => e.ProcedureId == procedureId);
        held.Outcome.ShouldBe(DecisionOutcomes.Approved);
        probe.HeaderOf(held, CommandActor.Header).ShouldBe("clerk-7");
        held.Ballots.ShouldNotBeNull().Length.ShouldBe(9);
        held.Ballots.Where(b => b.Vote != BallotVote.For).Select(b => (b.Member, b.Vote))
            .ShouldBe([("member-7", BallotVote.Against), ("member-8", BallotVote.Against), ("member-9", BallotVote.Abstain)]);
        var meeting = await api.Db(db => db.DecisionMeetings.SingleAsync(m => m.ProcedureId == procedureId));
        meeting.RecordedBy.ShouldBe("clerk-7");
        meeting.Ballots.Count(b => b.Vote == BallotVote.For).ShouldBe(6);

        var record = await api.Get<AccountabilityRecord>($"accountability?cadreId={cadreId}");
        record.Decisions.Single().Ballots.Single(b => b.Member == "member-9").Vote.ShouldBe(BallotVote.Abstain);
    }
}
