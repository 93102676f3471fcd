using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Payroll;
using Orchestration.VillagePay.Selection;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>
/// One validator per command, whichever door it comes through: the same invalid command sent over HTTP and by a procedure over the
/// real RabbitMQ is refused by the same rule (a 400 naming field and rule; the step's Failed result with that rule) and stores nothing.
/// The person behind a command from a procedure is recorded as its actor.
/// </summary>
[Collection(VillagePayCollection.Name)]
public sealed class CommandDoorsTests(VillagePayHostFixture villagePay)
{
    readonly Api api = new(villagePay);

    /// <summary>Posts the request and publishes the command; both must be refused by <paramref name="rule"/>, and nothing stored.</summary>
    async Task RefusedOnBothDoors<TCommand, TResult, TEntity>(string path, object request, Func<Guid, TCommand> command, string field, string rule,
        Func<IQueryable<TEntity>, IQueryable<TEntity>> ofTenant)
        where TCommand : class, IDomainCommand<TResult> where TResult : class, IDomainResult where TEntity : class
    {
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync($"/api/village-pay/{path}", request), field, rule);

        await using var probe = await BusProbe.StartAsync(villagePay.Servers.RabbitMq.AmqpUri, typeof(TResult));
        var procedureId = Guid.NewGuid();
        await probe.Publish(command(procedureId));
        var answer = await probe.WaitFor<TResult>(e => e.ProcedureId == procedureId);
        answer.Outcome.ShouldBe(Outcomes.Failed, answer.Reason);
        answer.RuleId.ShouldBe(rule, answer.Reason);

        (await api.Count(ofTenant)).ShouldBe(0);
    }

    async Task EvaluationRefused(Func<Guid, RecordEvaluationRequest> evaluation, string field, string rule)
    {
        var village = await api.Village("Hada village");
        var request = evaluation(village.Id);
        await RefusedOnBothDoors<RecordQuarterlyEvaluation, QuarterlyEvaluationRecorded, QuarterlyEvaluation>("evaluations", request,
            procedureId => request.ToCommand(api.Tenant) with { ProcedureId = procedureId }, field, rule, e => e.Where(x => x.TenantId == api.Tenant));
    }

    [Fact]
    public Task P2_a_score_above_the_maximum_is_refused_on_either_door() =>
        EvaluationRefused(village => new("Xin township", 2026, 1, [new(village, 100.5m)]), "scores[0].score", "P2");

    [Fact]
    public Task P2_a_negative_score_is_refused_on_either_door() =>
        EvaluationRefused(village => new("Xin township", 2026, 1, [new(village, -1m)]), "scores[0].score", "P2");

    [Fact]
    public Task P2_a_fifth_quarter_is_refused_on_either_door() =>
        EvaluationRefused(village => new("Xin township", 2026, 5, [new(village, 90m)]), "quarter", "P2");

    [Fact]
    public Task P2_a_village_scored_twice_in_a_quarter_is_refused_on_either_door() =>
        EvaluationRefused(village => new("Xin township", 2026, 1, [new(village, 90m), new(village, 80m)]), "scores", "P2");

    Task VerificationRefused(VerifyObjectionsRequest verification, string field)
    {
        var evaluation = Guid.NewGuid(); // the command is refused as such before any evaluation is looked up
        return RefusedOnBothDoors<VerifyEvaluationObjections, EvaluationObjectionsVerified, QuarterlyEvaluation>(
            $"evaluations/{evaluation}/objections/verification", verification,
            procedureId => verification.ToCommand(api.Tenant, evaluation) with { ProcedureId = procedureId }, field, "C4",
            e => e.Where(x => x.TenantId == api.Tenant && x.ObjectionsVerifiedAt != null));
    }

    [Fact]
    public Task C4_upheld_objections_without_a_corrected_score_are_refused_on_either_door() =>
        VerificationRefused(new(ObjectionFinding.Upheld, "the road was not built"), "correctedScores");

    [Fact]
    public Task C4_objections_found_not_affecting_that_correct_a_score_are_refused_on_either_door() =>
        VerificationRefused(new(ObjectionFinding.NotAffecting, "nothing found", [new VillageScore(Guid.NewGuid(), 80m)]), "correctedScores");

    [Fact]
    public Task C4_a_corrected_score_above_the_maximum_is_refused_on_either_door() =>
        VerificationRefused(new(ObjectionFinding.Upheld, "recounted", [new VillageScore(Guid.NewGuid(), 100.5m)]), "correctedScores[0].score");

    [Fact]
    public Task C4_a_verification_without_findings_is_refused_on_either_door() =>
        VerificationRefused(new(ObjectionFinding.NotAffecting, ""), "findings");

    [Fact]
    public Task P4_a_payroll_of_year_minus_1_is_refused_on_either_door() =>
        RefusedOnBothDoors<IssuePayroll, PayrollIssued, PayrollRun>("payroll/-1", new { }, procedureId => new IssuePayroll(procedureId, api.Tenant, -1),
            "year", "P4", p => p.Where(x => x.TenantId == api.Tenant));

    [Fact]
    public Task P3_a_selection_of_a_year_before_2000_is_refused_on_either_door()
    {
        var round = new OpenSelectionRequest(1999);
        return RefusedOnBothDoors<OpenSelectionRound, SelectionRoundOpened, SelectionRound>("selection/rounds", round,
            procedureId => round.ToCommand(api.Tenant) with { ProcedureId = procedureId }, "year", "P3", r => r.Where(x => x.TenantId == api.Tenant));
    }

    [Fact]
    public Task P3_a_round_with_no_places_is_refused_on_either_door()
    {
        var round = new OpenSelectionRequest(2026, Places: 0);
        return RefusedOnBothDoors<OpenSelectionRound, SelectionRoundOpened, SelectionRound>("selection/rounds", round,
            procedureId => round.ToCommand(api.Tenant) with { ProcedureId = procedureId }, "places", "P3", r => r.Where(x => x.TenantId == api.Tenant));
    }

    async Task<(PayrollIssued Answer, string? Actor, PayrollRun Stored)> IssueOverTheBus(Guid procedureId, string? actor)
    {
        await using var probe = await BusProbe.StartAsync(villagePay.Servers.RabbitMq.AmqpUri, typeof(PayrollIssued));
        var command = new IssuePayroll(procedureId, api.Tenant, 2026); // no village yet: an empty payroll
        if (actor is null) await probe.Publish(command);
        else await probe.Publish(command, CommandActor.Header, actor);

        var answer = await probe.WaitFor<PayrollIssued>(e => e.ProcedureId == procedureId);
        return (answer, probe.HeaderOf(answer, CommandActor.Header), await api.Query(db => db.Payrolls.SingleAsync(p => p.ProcedureId == procedureId)));
    }

    [Fact]
    public async Task C1_a_payroll_issued_for_clerk_7_is_issued_by_clerk_7_and_its_answer_carries_the_actor()
    {
        var (answer, actor, stored) = await IssueOverTheBus(Guid.NewGuid(), "clerk-7");

        answer.Outcome.ShouldBe(Outcomes.Done, answer.Reason);
        actor.ShouldBe("clerk-7");
        stored.IssuedBy.ShouldBe("clerk-7");
    }

    [Fact]
    public async Task C1_a_payroll_issued_without_an_actor_is_issued_by_its_procedure()
    {
        var procedureId = Guid.NewGuid();

        var (_, actor, stored) = await IssueOverTheBus(procedureId, null);

        actor.ShouldBe($"workflow:{procedureId}");
        stored.IssuedBy.ShouldBe($"workflow:{procedureId}");
    }
}
