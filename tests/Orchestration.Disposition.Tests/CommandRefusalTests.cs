using Orchestration.ServiceDefaults.Commands;
using System.Net;
using System.Net.Http.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.Contracts.Disposition;
using Orchestration.Contracts.Vetting;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.FollowUp;
using Orchestration.Disposition.Steps;
using Orchestration.Disposition.Triggers;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

/// <summary>
/// A procedure waits for exactly one result of each step it sends: a command the disposition service refuses is answered on the bus
/// with the step's result event (Failed or Refused, the rule and the reason) and leaves nothing else behind.
/// </summary>
[Collection(DispositionCollection.Name)]
public sealed class CommandRefusalTests(DispositionHostFixture disposition)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client() => disposition.Host.CreateClientFor(tenant, Roles.OrganizationDepartment);

    async Task<T> Db<T>(Func<DispositionDbContext, Task<T>> query)
    {
        await using var scope = disposition.Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DispositionDbContext>());
    }

    /// <summary>Sends the command as a workflow would and returns its only answer, once the service wrote nothing else for the procedure.</summary>
    async Task<TResult> Answer<TCommand, TResult>(TCommand command) where TCommand : class, IDomainCommand<TResult> where TResult : class, IDomainResult
    {
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(TResult));

        await probe.Publish(command);

        var answer = await probe.WaitFor<TResult>(r => r.ProcedureId == command.ProcedureId);
        answer.TenantId.ShouldBe(command.TenantId);
        answer.Reason.ShouldNotBeNullOrWhiteSpace();
        var procedure = command.ProcedureId.ToString();
        var written = await Eventually.Get(async () =>
        {
            var rows = await Db(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Body.Contains(procedure)).ToListAsync());
            return rows.All(m => m.DispatchedAt != null) ? rows : null;
        }, "the answer to be published");
        written.Select(m => m.MessageType).ShouldBe([OutboxWriter.MessageTypeName(typeof(TResult))]);
        probe.Received<TResult>(r => r.ProcedureId == command.ProcedureId).Count.ShouldBe(1);
        return answer;
    }

    async Task<CaseResponse> OpenCase()
    {
        var response = await Client().PostAsJsonAsync("/api/disposition/cases",
            new OpenCaseRequest(Guid.NewGuid(), CaseSources.InspectionTeam, "joint inspection found the leader absent from duty"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CaseResponse>())!;
    }

    async Task<CaseResponse> FiledCase()
    {
        var @case = await OpenCase();
        foreach (var step in DispositionSteps.InOrder.Skip(1))
            (await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/steps",
                new TakeStepRequest(step, $"{step} done", step == DispositionSteps.Decision ? DispositionMeasure.OffPostTraining : null)))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        return @case;
    }

    Task<int> StepsOf(Guid caseId) => Db(db => db.CaseSteps.CountAsync(s => s.CaseId == caseId));

    Task<int> LedgerOf(Guid caseId) => Db(db => db.FollowUps.CountAsync(f => f.CaseId == caseId));

    static Guid Procedure() => Guid.NewGuid();

    public static TheoryData<string> Steps() => new(DispositionSteps.InOrder.Skip(1));

    /// <summary>Each of the five step commands a workflow sends, for the step's name.</summary>
    async Task<(string Outcome, string? RuleId, Guid CaseId)> TakeStep(string step, Guid procedureId, Guid caseId, string notes,
        DispositionMeasure? measure = null) => step switch
    {
        DispositionSteps.Investigation => Read(await Answer<InvestigateDispositionCase, DispositionCaseInvestigated>(
            new InvestigateDispositionCase(procedureId, tenant, caseId, notes)), r => r.CaseId),
        DispositionSteps.Analysis => Read(await Answer<AnalyseDispositionCase, DispositionCaseAnalysed>(
            new AnalyseDispositionCase(procedureId, tenant, caseId, notes)), r => r.CaseId),
        DispositionSteps.Decision => Read(await Answer<DecideDispositionCase, DispositionCaseDecided>(
            new DecideDispositionCase(procedureId, tenant, caseId, measure ?? DispositionMeasure.Demotion, notes)), r => r.CaseId),
        DispositionSteps.NotificationTalk => Read(await Answer<HoldDispositionNotificationTalk, DispositionNotificationTalkHeld>(
            new HoldDispositionNotificationTalk(procedureId, tenant, caseId, notes)), r => r.CaseId),
        DispositionSteps.FilingAndTracking => Read(await Answer<FileDispositionCase, DispositionCaseFiled>(
            new FileDispositionCase(procedureId, tenant, caseId, notes)), r => r.CaseId),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    static (string, string?, Guid) Read<T>(T result, Func<T, Guid> caseId) where T : IDomainResult => (result.Outcome, result.RuleId, caseId(result));

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task D3_a_step_of_a_case_the_tenant_does_not_have_answers_Refused_and_stores_nothing(string step)
    {
        var unknown = Guid.NewGuid();

        var (outcome, ruleId, caseId) = await TakeStep(step, Procedure(), unknown, "verified with the unit");

        outcome.ShouldBe(StepOutcomes.Refused);
        ruleId.ShouldBe("D3");
        caseId.ShouldBe(unknown);
        (await StepsOf(unknown)).ShouldBe(0);
    }

    [Fact]
    public async Task C1_a_step_without_notes_answers_Refused_and_the_case_stays_at_initiation()
    {
        var @case = await OpenCase();

        var (outcome, ruleId, _) = await TakeStep(DispositionSteps.Investigation, Procedure(), @case.Id, " ");

        outcome.ShouldBe(StepOutcomes.Refused);
        ruleId.ShouldBe("C1");
        (await Db(db => db.Cases.SingleAsync(c => c.Id == @case.Id))).Step.ShouldBe(DispositionSteps.Initiation);
        (await StepsOf(@case.Id)).ShouldBe(0);
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public async Task C1_a_step_is_recorded_with_notes_of_at_most_2000_characters(int length, bool recorded)
    {
        var @case = await OpenCase();

        var (outcome, ruleId, _) = await TakeStep(DispositionSteps.Investigation, Procedure(), @case.Id, new string('n', length));

        outcome.ShouldBe(recorded ? StepOutcomes.Done : StepOutcomes.Refused);
        ruleId.ShouldBe(recorded ? null : "C1");
        (await StepsOf(@case.Id)).ShouldBe(recorded ? 1 : 0);
    }

    [Fact]
    public async Task D6_a_talk_for_a_case_the_tenant_does_not_have_answers_Refused_and_stores_nothing()
    {
        var unknown = Guid.NewGuid();

        var answer = await Answer<RecordFollowUpTalk, FollowUpTalkRecorded>(
            new RecordFollowUpTalk(Procedure(), tenant, unknown, new DateOnly(2025, 3, 1), "Unit head", "talked about the training"));

        answer.Outcome.ShouldBe(StepOutcomes.Refused);
        answer.RuleId.ShouldBe("D6");
        answer.EntryId.ShouldBe(Guid.Empty);
        (await LedgerOf(unknown)).ShouldBe(0);
    }

    [Fact]
    public async Task D6_a_talk_without_who_held_it_answers_Refused_and_leaves_the_ledger_empty()
    {
        var @case = await FiledCase();

        var answer = await Answer<RecordFollowUpTalk, FollowUpTalkRecorded>(
            new RecordFollowUpTalk(Procedure(), tenant, @case.Id, new DateOnly(2025, 3, 1), "", "talked about the training"));

        answer.Outcome.ShouldBe(StepOutcomes.Refused);
        answer.RuleId.ShouldBe("D6");
        (await LedgerOf(@case.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task D6_a_revisit_for_a_case_the_tenant_does_not_have_answers_Refused_and_stores_nothing()
    {
        var unknown = Guid.NewGuid();

        var answer = await Answer<RecordRevisit, RevisitRecorded>(
            new RecordRevisit(Procedure(), tenant, unknown, new DateOnly(2025, 3, 1), "Organization department", "revisited"));

        answer.Outcome.ShouldBe(StepOutcomes.Refused);
        answer.RuleId.ShouldBe("D6");
        answer.QuartersRevisited.ShouldBe(0);
        (await LedgerOf(unknown)).ShouldBe(0);
    }

    [Fact]
    public async Task D6_a_revisit_with_notes_over_2000_characters_answers_Refused_and_counts_no_quarter()
    {
        var @case = await FiledCase();
        var today = new CountyClock(TimeProvider.System).Today(); // a revisit is dated within the case's life (D6): on or after the decision
        var first = await Answer<RecordRevisit, RevisitRecorded>(
            new RecordRevisit(Procedure(), tenant, @case.Id, today, "Organization department", new string('n', 2000)));

        var answer = await Answer<RecordRevisit, RevisitRecorded>(
            new RecordRevisit(Procedure(), tenant, @case.Id, today, "Organization department", new string('n', 2001)));

        first.Outcome.ShouldBe(StepOutcomes.Done);
        first.QuartersRevisited.ShouldBe(1);
        answer.Outcome.ShouldBe(StepOutcomes.Refused);
        answer.RuleId.ShouldBe("D6");
        answer.QuartersRevisited.ShouldBe(0); // a refusal counts nothing; the quarters are those of the last recorded revisit
        (await LedgerOf(@case.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task D6_reinstating_for_a_case_the_tenant_does_not_have_answers_Refused()
    {
        var unknown = Guid.NewGuid();

        var answer = await Answer<ReinstateCadre, CadreReinstated>(new ReinstateCadre(Procedure(), tenant, unknown, true, "inspection 2025-7"));

        answer.Outcome.ShouldBe(FollowUpOutcomes.Refused);
        answer.RuleId.ShouldBe("D6");
        answer.CaseId.ShouldBe(unknown);
        (await StepsOf(unknown)).ShouldBe(0);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public async Task D6_an_inspection_reference_over_200_characters_is_refused_before_the_revisits_are_counted(int length)
    {
        var @case = await FiledCase();

        var answer = await Answer<ReinstateCadre, CadreReinstated>(new ReinstateCadre(Procedure(), tenant, @case.Id, true, new string('r', length)));

        answer.Outcome.ShouldBe(FollowUpOutcomes.Refused);
        answer.RuleId.ShouldBe("D6");
        // 200 characters pass and reinstatement waits for the quarters of revisits; 201 are refused for the reference itself.
        answer.Reason!.Contains("quarter").ShouldBe(length <= FollowUps.MaxInspectionReference);
        (await Db(db => db.Cases.SingleAsync(c => c.Id == @case.Id))).ReinstatedAt.ShouldBeNull();
    }

    [Fact]
    public async Task D2_an_evaluation_with_a_share_above_one_answers_Failed_and_stores_no_evaluation_or_case()
    {
        var cadre = Guid.NewGuid();

        var answer = await Answer<EvaluateDispositionTriggers, DispositionTriggersEvaluated>(
            new EvaluateDispositionTriggers(Procedure(), tenant, cadre, 0.5m, 0.3m, 1.01m));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("D2");
        answer.EvaluationId.ShouldBe(Guid.Empty);
        answer.CaseId.ShouldBeNull();
        (await Db(db => db.Evaluations.CountAsync(e => e.TenantId == tenant))).ShouldBe(0);
        (await Db(db => db.Cases.CountAsync(c => c.TenantId == tenant))).ShouldBe(0);
    }

    [Theory]
    [InlineData(1.00, 0.00, true)]
    [InlineData(1.01, 0.00, false)]
    [InlineData(0.80, 0.20, true)]
    [InlineData(0.80, 0.21, false)]
    [InlineData(-0.01, 0.00, false)]
    public async Task D2_shares_lie_between_zero_and_one_and_satisfied_and_dissatisfied_add_up_to_at_most_one(decimal satisfied, decimal dissatisfied, bool valid)
    {
        await using var scope = disposition.Host.Services.CreateAsyncScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<CommandPipeline>();

        var validate = () => pipeline.ValidateAsync(new EvaluateDispositionTriggers(Guid.Empty, tenant, Guid.NewGuid(), satisfied, dissatisfied, 0), default);

        if (valid) await validate();
        else (await Should.ThrowAsync<ValidationException>(validate)).Errors.ShouldAllBe(e => e.ErrorCode == "D2");
    }

    [Fact]
    public async Task D2_a_negative_count_answers_Failed()
    {
        var answer = await Answer<EvaluateDispositionTriggers, DispositionTriggersEvaluated>(
            new EvaluateDispositionTriggers(Procedure(), tenant, Guid.NewGuid(), 0.9m, 0.05m, 0, BottomGroupYearsRunning: -1));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("D2");
        (await Db(db => db.Evaluations.CountAsync(e => e.TenantId == tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task D1_a_case_from_an_unknown_source_answers_Failed_and_stores_no_case()
    {
        var cadre = Guid.NewGuid();

        var answer = await Answer<OpenDispositionCase, DispositionCaseOpened>(
            new OpenDispositionCase(Procedure(), tenant, cadre, "rumour", "heard in the canteen"));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("D1");
        answer.CaseId.ShouldBe(Guid.Empty);
        answer.CadreId.ShouldBe(cadre);
        (await Db(db => db.Cases.CountAsync(c => c.TenantId == tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task D1_a_case_without_grounds_answers_Failed_and_stores_no_case()
    {
        var answer = await Answer<OpenDispositionCase, DispositionCaseOpened>(
            new OpenDispositionCase(Procedure(), tenant, Guid.NewGuid(), CaseSources.Health, ""));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("D1");
        (await Db(db => db.Cases.CountAsync(c => c.TenantId == tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A5_D1_findings_longer_than_a_case_holds_still_open_their_case()
    {
        var cadre = Guid.NewGuid();
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionCaseOpened));

        await probe.Publish(new AuditFindingsReported(Guid.NewGuid(), tenant, cadre, Guid.NewGuid(), Guid.NewGuid(), "Housing bureau", 2025,
            [new string('a', 1000), new string('b', 1000)]));

        var opened = await probe.WaitFor<DispositionCaseOpened>(e => e.CadreId == cadre);
        opened.Outcome.ShouldBe(CaseOutcomes.Opened);
        var @case = await Db(db => db.Cases.SingleAsync(c => c.CadreId == cadre));
        @case.Grounds.Length.ShouldBe(DispositionCases.MaxGrounds);
        @case.Grounds.ShouldStartWith("Housing bureau2025年度经济责任审计发现问题：aaa"); // the case file is read in Chinese
    }

    [Fact]
    public async Task C4_D1_a_confirmed_report_opens_one_verified_report_case_and_one_not_affecting_opens_none()
    {
        var (cadre, cleared, reportId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionCaseOpened));
        var confirmed = new ReportVerified(Guid.NewGuid(), tenant, cadre, reportId, ReportVerdict.Confirmed, Outcomes.Failed, "C4", "违规经商属实", false);

        await probe.Publish(new ReportVerified(Guid.NewGuid(), tenant, cleared, Guid.NewGuid(), ReportVerdict.NotAffecting, Outcomes.Passed, null, null, true));
        await probe.Publish(confirmed);
        await probe.Publish(confirmed with { ProcedureId = Guid.NewGuid() }); // the same report announced again

        var opened = await probe.WaitFor<DispositionCaseOpened>(e => e.CadreId == cadre);
        opened.Outcome.ShouldBe(CaseOutcomes.Opened);
        opened.ProcedureId.ShouldBe(Guid.Empty); // announced outside any procedure: the disposition procedure starts from it
        await probe.WaitFor<DispositionCaseOpened>(e => e.CadreId == cadre && e.Outcome == CaseOutcomes.AlreadyOpen);
        var cases = await Db(db => db.Cases.AsNoTracking().Where(c => c.TenantId == tenant).ToListAsync());
        cases.ShouldHaveSingleItem().Source.ShouldBe(CaseSources.VerifiedReport);
        cases[0].SourceReference.ShouldBe(reportId.ToString());
        cases[0].CadreId.ShouldBe(cadre);
        cases[0].Grounds.ShouldBe("举报经核查确有问题：违规经商属实");
    }

    [Theory]
    [InlineData("1899-12-31", false)]
    [InlineData("1900-01-01", true)]
    [InlineData("2100-01-01", true)]
    [InlineData("2100-01-02", false)]
    public async Task D5_an_age_transfer_date_for_a_birth_date_the_file_cannot_hold_answers_Failed(string birthDate, bool computed)
    {
        var answer = await Answer<ComputeAgeTransferDate, AgeTransferDateComputed>(
            new ComputeAgeTransferDate(Procedure(), tenant, Guid.NewGuid(), DateOnly.Parse(birthDate), Sex.Male));

        answer.RuleId.ShouldBe("D5");
        if (computed)
        {
            answer.Outcome.ShouldBe(Outcomes.Done);
            answer.TransferDate.ShouldBe(DateOnly.Parse(birthDate).AddYears(52));
        }
        else
        {
            answer.Outcome.ShouldBe(Outcomes.Failed);
            answer.TransferDate.ShouldBeNull();
            answer.Age.ShouldBeNull();
        }
    }

    [Fact]
    public async Task D5_an_age_transfer_date_for_an_unknown_sex_answers_Failed()
    {
        var answer = await Answer<ComputeAgeTransferDate, AgeTransferDateComputed>(
            new ComputeAgeTransferDate(Procedure(), tenant, Guid.NewGuid(), new DateOnly(1975, 5, 1), (Sex)7));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("D5");
    }

    [Fact]
    public async Task A_step_that_cannot_reach_the_database_is_not_answered_as_a_refusal_so_the_message_is_retried()
    {
        var unreachable = new DbContextOptionsBuilder<DispositionDbContext>().UseNpgsql("Host=127.0.0.1;Port=1;Database=none;Timeout=2").Options;
        await using var db = new DispositionDbContext(unreachable);
        var steps = new CaseSteps(db, new CountyClock(TimeProvider.System));

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => CommandRefusals.Capture(db,
            () => steps.TakeAsync(Guid.NewGuid(), tenant, Guid.NewGuid(), DispositionSteps.Investigation, null, "verified", "test", default), "D3"));

        failure.InnerException.ShouldBeAssignableTo<NpgsqlException>(); // EF's "likely due to a transient failure"
    }

    [Fact]
    public void A_refusal_names_the_rule_of_the_exception_or_else_the_step_s_rule_and_anything_else_is_no_refusal()
    {
        CommandRefusals.Refusal(new RuleViolationException("notes", "C1", "no notes"), "D3").ShouldBe(new CommandRefusal("C1", "no notes"));
        CommandRefusals.Refusal(new NotFoundException("No such case."), "D6").ShouldBe(new CommandRefusal("D6", "No such case."));
        CommandRefusals.Refusal(new ValidationException([new FluentValidation.Results.ValidationFailure("Grounds", "required")]), "D1")
            .ShouldBe(new CommandRefusal("D1", "Grounds: required"));
        CommandRefusals.Refusal(new DbUpdateException("unique key"), "D1").ShouldBeNull();
        CommandRefusals.Refusal(new OperationCanceledException(), "D1").ShouldBeNull();
    }
}
