using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.FollowUp;
using Orchestration.Disposition.Measures;
using Orchestration.Disposition.NonLeadershipTransfer;
using Orchestration.Disposition.Triggers;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

[Collection(DispositionCollection.Name)]
public sealed class MeasureApiTests(DispositionHostFixture disposition)
{
    readonly DispositionApi api = new(disposition);

    static DateOnly Today => new CountyClock(TimeProvider.System).Today();

    string tenant => api.Tenant;

    HttpClient Client(string? ofTenant = null) => api.Client(ofTenant);

    Task<T> Db<T>(Func<DispositionDbContext, Task<T>> query) => api.Db(query);

    static Task<T> Read<T>(HttpResponseMessage response) => DispositionApi.Read<T>(response);

    static Task<string?> RuleOf(HttpResponseMessage response, string field) => DispositionApi.RuleOf(response, field);

    async Task<CaseResponse> Open(Guid cadre, DispositionMeasure? proposed = null) =>
        await Read<CaseResponse>(await Client().PostAsJsonAsync("/api/disposition/cases",
            new OpenCaseRequest(cadre, CaseSources.InspectionTeam, "joint inspection found the leader absent from duty", ProposedMeasure: proposed)));

    /// <summary>A case taken through the six steps to the measure, decided on <paramref name="decidedOn"/> (today unless the test moves it back).</summary>
    async Task<CaseResponse> Filed(DispositionMeasure measure, DateOnly? decidedOn = null, Guid? cadre = null)
    {
        var @case = await Open(cadre ?? Guid.NewGuid());
        foreach (var step in DispositionSteps.InOrder.Skip(1))
            (await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/steps",
                new TakeStepRequest(step, $"{step} done", step == DispositionSteps.Decision ? measure : null))).StatusCode.ShouldBe(HttpStatusCode.OK);
        if (decidedOn is { } day)
            await Db(db => db.Cases.Where(c => c.Id == @case.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DecidedOn, day)));
        return @case;
    }

    Task<HttpResponseMessage> Revisit(Guid caseId, DateOnly on) =>
        Client().PostAsJsonAsync($"/api/disposition/cases/{caseId}/follow-up/revisits", new FollowUpRequest(on, "organization department", "quarterly revisit"));

    async Task RevisitFourQuarters(Guid caseId, DateOnly decided)
    {
        foreach (var months in new[] { 0, 3, 6, 9 })
            (await Revisit(caseId, decided.AddMonths(months).AddDays(1))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task D6_revisits_dated_before_the_measure_or_after_today_are_refused_and_one_on_the_decision_day_is_recorded()
    {
        var @case = await Filed(DispositionMeasure.OffPostTraining); // decided today

        (await RuleOf(await Revisit(@case.Id, Today.AddDays(-400)), "heldOn")).ShouldBe("D6");
        (await RuleOf(await Revisit(@case.Id, Today.AddDays(-100)), "heldOn")).ShouldBe("D6");
        (await RuleOf(await Revisit(@case.Id, Today.AddDays(-1)), "heldOn")).ShouldBe("D6");
        (await RuleOf(await Revisit(@case.Id, Today.AddDays(1)), "heldOn")).ShouldBe("D6");
        (await Revisit(@case.Id, Today)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await Db(db => db.FollowUps.CountAsync(f => f.CaseId == @case.Id))).ShouldBe(1);
        (await Db(db => db.Cases.SingleAsync(c => c.Id == @case.Id))).DecidedOn.ShouldBe(Today);
    }

    [Fact]
    public async Task D6_a_second_revisit_in_the_same_quarter_since_the_measure_is_refused()
    {
        // 「组织部门每季度对“下”的干部进行一次回访」
        var decided = Today.AddMonths(-7);
        var @case = await Filed(DispositionMeasure.WaitingForPost, decided);

        (await Revisit(@case.Id, decided.AddDays(10))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RuleOf(await Revisit(@case.Id, decided.AddMonths(3).AddDays(-1)), "heldOn")).ShouldBe("D6");
        (await Revisit(@case.Id, decided.AddMonths(3))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task D6_a_demoted_cadre_is_not_reinstated_within_two_years_of_the_decision()
    {
        // 降职的，两年内不得提拔 (2021《党政领导干部组织处理规定》): decided two years less a day ago → barred; two years ago → free.
        var barred = await Filed(DispositionMeasure.Demotion, Today.AddYears(-2).AddDays(1));
        await RevisitFourQuarters(barred.Id, Today.AddYears(-2).AddDays(1));
        var free = await Filed(DispositionMeasure.Demotion, Today.AddYears(-2));
        await RevisitFourQuarters(free.Id, Today.AddYears(-2));

        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{barred.Id}/reinstatement", new ReinstateRequest(true, "INS-7")), "caseId"))
            .ShouldBe("D6");
        (await Read<CaseResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{free.Id}/reinstatement", new ReinstateRequest(true, "INS-8"))))
            .ReinstatedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task D6_a_removed_cadre_may_be_reinstated_at_the_original_level_but_not_above_it_within_two_years()
    {
        var decided = Today.AddMonths(-13);
        var above = await Filed(DispositionMeasure.Removal, decided);
        await RevisitFourQuarters(above.Id, decided);
        var same = await Filed(DispositionMeasure.Removal, decided);
        await RevisitFourQuarters(same.Id, decided);

        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{above.Id}/reinstatement",
            new ReinstateRequest(true, "INS-9", AboveOriginalLevel: true)), "aboveOriginalLevel")).ShouldBe("D6");
        (await Read<CaseResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{same.Id}/reinstatement",
            new ReinstateRequest(true, "INS-10")))).ReinstatedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task D6_the_bars_of_a_cadre_are_a_fact_the_nomination_service_can_ask_for_on_either_side_of_two_years()
    {
        var cadre = Guid.NewGuid();
        var demotion = await Filed(DispositionMeasure.Demotion, cadre: cadre);
        await Filed(DispositionMeasure.OffPostTraining, cadre: Guid.NewGuid());

        var lastDay = await Read<CadreBars>(await Client().GetAsync($"/api/disposition/cadres/{cadre}/bars?asOf={Today.AddYears(2).AddDays(-1):yyyy-MM-dd}"));
        var anniversary = await Read<CadreBars>(await Client().GetAsync($"/api/disposition/cadres/{cadre}/bars?asOf={Today.AddYears(2):yyyy-MM-dd}"));
        var today = await Read<CadreBars>(await Client().GetAsync($"/api/disposition/cadres/{cadre}/bars"));

        (lastDay.MayBePromoted, lastDay.MayTakePostAboveOriginalLevel).ShouldBe((false, false));
        lastDay.Bars.Single().CaseId.ShouldBe(demotion.Id);
        (anniversary.MayBePromoted, anniversary.MayTakePostAboveOriginalLevel).ShouldBe((true, true));
        today.AsOf.ShouldBe(Today);
        today.MayBePromoted.ShouldBeFalse();
        (await Read<CadreBars>(await Client().GetAsync($"/api/disposition/cadres/{Guid.NewGuid()}/bars"))).Bars.ShouldBeEmpty();
    }

    [Fact]
    public async Task D2_last_place_in_the_performance_review_opens_a_case_proposing_demotion_and_another_place_none()
    {
        var last = await Read<TriggerEvaluationResponse>(await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), 0.90m, 0.05m, 0m, LastInPerformanceReview: true)));
        var notLast = await Read<TriggerEvaluationResponse>(await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), 0.90m, 0.05m, 0m)));

        last.LastInPerformanceReview.ShouldBeTrue();
        last.Outcome.ShouldBe(DispositionOutcomes.Demotion);
        last.FiredTriggers.ShouldContain(TriggerRules.PerformanceReviewLast);
        last.CaseId.ShouldNotBeNull();
        notLast.CaseId.ShouldBeNull();
        notLast.Outcome.ShouldBe(DispositionOutcomes.NoAction);
    }

    [Fact]
    public async Task D2_D4_dissatisfaction_over_20_percent_opens_an_admonishment_case_whose_one_step_is_the_talk()
    {
        // 「不满意率超过20%」: 超过 excludes 20% itself.
        var atTwenty = await Read<TriggerEvaluationResponse>(await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), 0.80m, 0.20m, 0m)));
        var over = await Read<TriggerEvaluationResponse>(await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), 0.79m, 0.21m, 0m)));
        atTwenty.CaseId.ShouldBeNull();
        var @case = await Read<CaseResponse>(await Client().GetAsync($"/api/disposition/cases/{over.CaseId}"));
        @case.ProposedMeasure.ShouldBe(nameof(DispositionMeasure.Admonishment));

        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/steps",
            new TakeStepRequest(DispositionSteps.Investigation, "verify")), "step")).ShouldBe("D4");
        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/admonishment-talk",
            new AdmonishmentTalkRequest(Today.AddDays(1), "county secretary", "talked about the complaints")), "heldOn")).ShouldBe("D6");
        var talk = await Read<AdmonishmentTalkResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/admonishment-talk",
            new AdmonishmentTalkRequest(Today, "county secretary", "talked about the complaints")));
        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/admonishment-talk",
            new AdmonishmentTalkRequest(Today, "deputy secretary", "again")), "caseId")).ShouldBe("D4");

        talk.HeldBy.ShouldBe("county secretary");
        var stored = await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id));
        (stored.Step, stored.Measure, stored.DecidedOn).ShouldBe((DispositionSteps.AdmonishmentTalk, nameof(DispositionMeasure.Admonishment), Today));
        (await Db(db => db.AdmonishmentTalks.CountAsync(t => t.CaseId == @case.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task D4_C1_the_admonishment_talk_and_the_suspension_are_in_the_cadre_s_record_with_the_person_who_acted_and_the_county_day()
    {
        var talked = Guid.NewGuid();
        var over = await Read<TriggerEvaluationResponse>(await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(talked, 0.70m, 0.30m, 0m)));
        var talk = await Read<AdmonishmentTalkResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{over.CaseId}/admonishment-talk",
            new AdmonishmentTalkRequest(Today, "苏木镇党委书记 巴特尔", "限期整改")));
        var suspended = Guid.NewGuid();
        var @case = await Open(suspended, DispositionMeasure.SuspensionForExamination);
        var suspension = await Read<SuspensionResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/suspension",
            new SuspensionRequest(Today, "县委常委会", "suspended while the report is examined")));
        await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/suspension/lifting", new SuspensionLiftingRequest(Today, "not confirmed"));

        var talkEntry = (await CadreRecordEntries.OfAsync<DispositionDbContext>(disposition.Host.Services, talked))
            .Single(e => e["command"]!.GetValue<string>() == nameof(RecordAdmonishmentTalk));
        (talkEntry["ruleId"]!.GetValue<string>(), talkEntry["actor"]!.GetValue<string>(), talkEntry["recordedBy"]!.GetValue<string>(),
                talkEntry["on"]!.GetValue<string>(), talkEntry["evidence"]!.GetValue<string>(), talkEntry["step"]!.GetValue<string>())
            .ShouldBe(("D4", "苏木镇党委书记 巴特尔", $"user-of-{tenant}", Today.ToString("yyyy-MM-dd"), $"disposition/AdmonishmentTalk/{talk.Id}",
                "Admonishment talk 诫勉谈话"));
        var suspensionEntries = (await CadreRecordEntries.OfAsync<DispositionDbContext>(disposition.Host.Services, suspended))
            .Where(e => e["evidence"]?.GetValue<string>() == $"disposition/Suspension/{suspension.Id}").ToList();
        suspensionEntries.Select(e => (e["command"]!.GetValue<string>(), e["ruleId"]!.GetValue<string>(), e["actor"]!.GetValue<string>()))
            .ShouldBe([(nameof(SuspendCadre), "D4", "县委常委会"), (nameof(LiftSuspension), "D4", $"user-of-{tenant}")]);
    }

    [Fact]
    public async Task D4_a_six_step_case_takes_no_admonishment_talk()
    {
        var @case = await Open(Guid.NewGuid());

        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/admonishment-talk",
            new AdmonishmentTalkRequest(Today, "county secretary", "talk")), "caseId")).ShouldBe("D4");
    }

    [Fact]
    public async Task D4_a_suspension_for_examination_starts_and_is_lifted_once_within_the_case()
    {
        var @case = await Open(Guid.NewGuid(), DispositionMeasure.SuspensionForExamination);

        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/suspension/lifting",
            new SuspensionLiftingRequest(Today, "cleared")), "caseId")).ShouldBe("D4");
        (await Read<SuspensionResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/suspension",
            new SuspensionRequest(Today, "standing committee", "suspended while the report is examined")))).StartedOn.ShouldBe(Today);
        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/suspension/lifting",
            new SuspensionLiftingRequest(Today.AddDays(1), "cleared")), "liftedOn")).ShouldBe("D6");
        var lifted = await Read<SuspensionResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/suspension/lifting",
            new SuspensionLiftingRequest(Today, "the report was not confirmed")));

        lifted.LiftedOn.ShouldBe(Today);
        (await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id))).Step.ShouldBe(DispositionSteps.SuspensionLifted);
        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/suspension/lifting",
            new SuspensionLiftingRequest(Today, "again")), "caseId")).ShouldBe("D4");
    }

    [Fact]
    public async Task A5_C3_a_decided_measure_is_announced_for_the_cadre_s_file()
    {
        var cadre = Guid.NewGuid();
        await Filed(DispositionMeasure.Demotion, cadre: cadre);

        var entries = await Db(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(nameof(CadreFileEntryReported)) && m.Body.Contains(cadre.ToString()))
            .Select(m => m.Body).ToListAsync());
        entries.Count.ShouldBe(1);
        entries[0].ShouldContain(CadreFileEntryKinds.Disposition);
        entries[0].ShouldContain(nameof(DispositionMeasure.Demotion));
    }

    [Fact]
    public async Task D4_a_workflow_records_the_admonishment_talk_and_is_answered()
    {
        var over = await Read<TriggerEvaluationResponse>(await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), 0.7m, 0.3m, 0m)));
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(AdmonishmentTalkRecorded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RecordAdmonishmentTalk(procedureId, tenant, over.CaseId!.Value, Today, "county secretary", "talked"));

        var answer = await probe.WaitFor<AdmonishmentTalkRecorded>(e => e.ProcedureId == procedureId);
        answer.Outcome.ShouldBe(StepOutcomes.Done);
        answer.CadreId.ShouldBe(over.CadreId);
    }

    [Fact]
    public async Task D4_C1_an_admonishment_talk_without_who_held_it_is_refused_by_its_validator_on_both_doors()
    {
        // 「诫勉谈话」 is recorded with who held it: the command's validator answers over HTTP and over the bus.
        var over = await Read<TriggerEvaluationResponse>(await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), 0.7m, 0.3m, 0m)));
        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{over.CaseId}/admonishment-talk",
            new AdmonishmentTalkRequest(Today, "", "talked")), "heldBy")).ShouldBe("C1");
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(AdmonishmentTalkRecorded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RecordAdmonishmentTalk(procedureId, tenant, over.CaseId!.Value, Today, " ", "talked"));

        var answer = await probe.WaitFor<AdmonishmentTalkRecorded>(e => e.ProcedureId == procedureId);
        (answer.Outcome, answer.RuleId).ShouldBe((StepOutcomes.Refused, "C1"));
        (await Db(db => db.AdmonishmentTalks.CountAsync(t => t.CaseId == over.CaseId))).ShouldBe(0);
    }

    [Fact]
    public async Task D5_a_low_education_leader_s_assessment_opens_a_case_placing_them_elsewhere()
    {
        var answer = await Read<TransferAssessment>(await Client().PostAsJsonAsync("/api/disposition/non-leadership-transfers/assessments",
            new AssessTransferRequest(Guid.NewGuid(), new DateOnly(1985, 1, 1), Sex.Male, EducationBelowPost: true)));

        answer.Due.ShouldBeTrue();
        answer.Grounds.Single().Placement.ShouldBe(TransferPlacements.RemovedInPlacePlacedElsewhere);
        var @case = await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == answer.CaseId));
        @case.Source.ShouldBe(CaseSources.Education);
        @case.Grounds.ShouldContain(TransferPlacements.RemovedInPlacePlacedElsewhere);
    }
}
