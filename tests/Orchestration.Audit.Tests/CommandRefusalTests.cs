using Orchestration.ServiceDefaults.Commands;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orchestration.Audit.Data;
using Orchestration.Audit.Departures;
using Orchestration.Audit.Findings;
using Orchestration.Audit.Plans;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

/// <summary>
/// A procedure waits for exactly one result of each step it sends: a command the audit service refuses is answered on the bus with the
/// step's result event (Failed or Refused, the rule and the reason) and leaves nothing else behind.
/// </summary>
[Collection(AuditCollection.Name)]
public sealed class CommandRefusalTests(AuditHostFixture audit)
{
    readonly AuditApi api = new(audit);

    /// <summary>Sends the command as a workflow would and returns its only answer, once the service wrote nothing else for the procedure.</summary>
    async Task<TResult> Answer<TCommand, TResult>(TCommand command) where TCommand : class, IDomainCommand<TResult> where TResult : class, IDomainResult
    {
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(TResult));

        await probe.Publish(command);

        var answer = await probe.WaitFor<TResult>(r => r.ProcedureId == command.ProcedureId);
        answer.TenantId.ShouldBe(command.TenantId);
        var procedure = command.ProcedureId.ToString();
        var written = await Eventually.Get(async () =>
        {
            var rows = await api.Db(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Body.Contains(procedure)).ToListAsync());
            return rows.All(m => m.DispatchedAt != null) ? rows : null;
        }, "the answer to be published");
        written.Select(m => m.MessageType).ShouldBe([OutboxWriter.MessageTypeName(typeof(TResult))]);
        probe.Received<TResult>(r => r.ProcedureId == command.ProcedureId).Count.ShouldBe(1);
        return answer;
    }

    static Guid Procedure() => Guid.NewGuid();

    [Fact]
    public async Task A2_a_plan_for_a_year_out_of_range_answers_Failed_and_stores_no_plan()
    {
        await api.Unit("Bureau", 6_000_000);

        var answer = await Answer<DrawUpAuditPlan, AuditPlanDrawnUp>(new DrawUpAuditPlan(Procedure(), api.Tenant, 1999));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A2");
        answer.Reason.ShouldNotBeNullOrWhiteSpace();
        answer.PlanId.ShouldBe(Guid.Empty);
        answer.Units.ShouldBeEmpty();
        (await api.Db(db => db.Plans.CountAsync(p => p.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A2_a_plan_sampling_more_tier3_units_than_allowed_answers_Failed_and_stores_no_plan()
    {
        await api.Unit("Library", 1_000_000);

        var answer = await Answer<DrawUpAuditPlan, AuditPlanDrawnUp>(new DrawUpAuditPlan(Procedure(), api.Tenant, api.Year, Tier3Samples: 3));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A2");
        (await api.Db(db => db.Plans.CountAsync(p => p.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Theory]
    [InlineData(1999, null, false)]
    [InlineData(2000, null, true)]
    [InlineData(2200, null, true)]
    [InlineData(2201, null, false)]
    [InlineData(2030, 0, false)]
    [InlineData(2030, 1, true)]
    [InlineData(2030, 2, true)]
    [InlineData(2030, 3, false)]
    public async Task A2_a_plan_is_for_a_calendar_year_and_samples_one_or_two_tier3_units(int year, int? samples, bool drawnUp)
    {
        await using var scope = audit.Host.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<AuditPlans>();

        var draw = () => plans.DrawUpAsync(new DrawUpAuditPlan(Guid.Empty, api.Tenant, year, samples), "test", default);

        if (drawnUp) (await draw()).Plan.Year.ShouldBe(year);
        else (await Should.ThrowAsync<RuleViolationException>(draw)).RuleId.ShouldBe("A2");
    }

    [Fact]
    public async Task A5_a_deficient_result_without_findings_from_a_workflow_answers_Failed_and_stores_nothing()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Finance bureau", 6_000_000, leader: leader);

        var answer = await Answer<RecordAuditResult, AuditResultRecorded>(
            new RecordAuditResult(Procedure(), api.Tenant, unit.Id, leader, api.Year, AuditRating.Deficient, []));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A5");
        answer.AuditId.ShouldBe(Guid.Empty);
        answer.CadreId.ShouldBe(leader);
        (await api.Db(db => db.Audits.CountAsync(a => a.TenantId == api.Tenant))).ShouldBe(0);
        (await api.Stored(unit.Id)).LastAuditedYear.ShouldBeNull();
    }

    [Fact]
    public async Task A5_a_result_for_a_unit_the_tenant_does_not_have_answers_Failed_and_stores_nothing()
    {
        var unknown = Guid.NewGuid();

        var answer = await Answer<RecordAuditResult, AuditResultRecorded>(
            new RecordAuditResult(Procedure(), api.Tenant, unknown, Guid.NewGuid(), api.Year, AuditRating.Deficient, ["funds diverted"]));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A5");
        answer.UnitId.ShouldBe(unknown);
        (await api.Db(db => db.Audits.CountAsync(a => a.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A4_a_result_for_a_departure_audit_already_recorded_answers_Failed_and_stores_nothing_more()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Tax office", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        (await api.Client().PostAsJsonAsync("/api/audit/results", new RecordAuditResultRequest(unit.Id, leader, api.Year, AuditRating.Satisfactory,
            DepartureAuditId: departure.Id))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var answer = await Answer<RecordAuditResult, AuditResultRecorded>(
            new RecordAuditResult(Procedure(), api.Tenant, unit.Id, leader, api.Year, AuditRating.Deficient, ["late handover"], departure.Id));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A4");
        (await api.Db(db => db.Audits.CountAsync(a => a.TenantId == api.Tenant))).ShouldBe(1);
        (await api.Db(db => db.DepartureAudits.SingleAsync(d => d.Id == departure.Id))).Passed.ShouldBe(true);
    }

    [Fact]
    public async Task A4_a_departure_audit_of_a_unit_the_tenant_does_not_have_answers_Refused_and_freezes_nobody()
    {
        var leader = Guid.NewGuid();
        var unknown = Guid.NewGuid();

        var answer = await Answer<RequestDepartureAudit, DepartureAuditCompleted>(new RequestDepartureAudit(Procedure(), api.Tenant, leader, unknown));

        answer.Outcome.ShouldBe(DepartureOutcomes.Refused);
        answer.RuleId.ShouldBe("A4");
        answer.Reason.ShouldNotBeNullOrWhiteSpace();
        answer.UnitId.ShouldBe(unknown);
        answer.CadreId.ShouldBe(leader);
        (await api.Db(db => db.DepartureAudits.CountAsync(d => d.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A4_following_the_departure_audit_of_another_leader_answers_Refused_and_leaves_it_unfollowed()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Land bureau", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        var procedureId = Procedure();

        var answer = await Answer<RequestDepartureAudit, DepartureAuditCompleted>(
            new RequestDepartureAudit(procedureId, api.Tenant, Guid.NewGuid(), unit.Id, departure.Id));

        answer.Outcome.ShouldBe(DepartureOutcomes.Refused);
        answer.RuleId.ShouldBe("A4");
        answer.DepartureAuditId.ShouldBe(departure.Id);
        (await api.Db(db => db.DepartureAudits.SingleAsync(d => d.Id == departure.Id))).ProcedureId.ShouldNotBe(procedureId);
        (await api.Db(db => db.DepartureAudits.CountAsync(d => d.TenantId == api.Tenant))).ShouldBe(1);
    }

    [Fact]
    public async Task A4_following_a_departure_audit_the_tenant_does_not_have_answers_Refused()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Mining bureau", 6_000_000, leader: leader);

        var answer = await Answer<RequestDepartureAudit, DepartureAuditCompleted>(
            new RequestDepartureAudit(Procedure(), api.Tenant, leader, unit.Id, Guid.NewGuid()));

        answer.Outcome.ShouldBe(DepartureOutcomes.Refused);
        answer.RuleId.ShouldBe("A4");
        (await api.Db(db => db.DepartureAudits.CountAsync(d => d.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A4_clearing_a_departure_audit_the_leader_does_not_have_answers_Refused_and_stores_nothing()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Forestry bureau", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));

        var answer = await Answer<ClearLeaderDeparture, LeaderDepartureCleared>(
            new ClearLeaderDeparture(Procedure(), api.Tenant, Guid.NewGuid(), departure.Id));

        answer.Outcome.ShouldBe(DepartureOutcomes.Refused);
        answer.RuleId.ShouldBe("A4");
        var stored = await api.Db(db => db.DepartureAudits.SingleAsync(d => d.Id == departure.Id));
        stored.Status.ShouldBe(DepartureAuditStatus.Pending);
        stored.PowersFrozen.ShouldBeTrue();
    }

    [Fact]
    public async Task A1_grading_with_a_negative_budget_answers_Failed_and_stores_no_unit()
    {
        var unitId = Guid.NewGuid();

        var answer = await Answer<GradeAuditUnit, AuditUnitGraded>(new GradeAuditUnit(Procedure(), api.Tenant, unitId, "Culture bureau", -0.01m,
            new AuditFactors()));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A1");
        answer.Tier.ShouldBeNull();
        (await api.Db(db => db.Units.CountAsync(u => u.Id == unitId))).ShouldBe(0);
    }

    [Fact]
    public async Task A1_grading_with_a_budget_of_zero_answers_tier_3()
    {
        var unitId = Guid.NewGuid();

        var answer = await Answer<GradeAuditUnit, AuditUnitGraded>(new GradeAuditUnit(Procedure(), api.Tenant, unitId, "Culture bureau", 0m,
            new AuditFactors()));

        answer.Outcome.ShouldBe(AuditTiers.Tier3);
        (await api.Stored(unitId)).Tier.ShouldBe(3);
    }

    [Fact]
    public async Task A1_grading_a_unit_without_a_name_answers_Failed_and_stores_no_unit()
    {
        var unitId = Guid.NewGuid();

        var answer = await Answer<GradeAuditUnit, AuditUnitGraded>(new GradeAuditUnit(Procedure(), api.Tenant, unitId, "", 4_000_000, new AuditFactors()));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A1");
        answer.Reason!.ShouldContain("UnitName");
        (await api.Db(db => db.Units.CountAsync(u => u.Id == unitId))).ShouldBe(0);
    }

    [Fact]
    public async Task A3_a_budget_adjustment_of_a_unit_the_tenant_does_not_have_answers_Failed_once()
    {
        var unknown = Guid.NewGuid();

        var answer = await Answer<AdjustAuditUnitBudget, AuditUnitBudgetAdjusted>(
            new AdjustAuditUnitBudget(Procedure(), api.Tenant, unknown, api.Year + 1, 6_000_000));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A3");
        answer.Tier.ShouldBeNull();
        (await api.Db(db => db.Units.CountAsync(u => u.Id == unknown))).ShouldBe(0);
    }

    [Fact]
    public async Task A3_a_special_fund_for_a_unit_the_tenant_does_not_have_answers_Failed_and_stores_no_fund()
    {
        var unknown = Guid.NewGuid();

        var answer = await Answer<RecordSpecialFund, SpecialFundRecorded>(
            new RecordSpecialFund(Procedure(), api.Tenant, unknown, api.Year, 20_000_000, "Reservoir"));

        answer.Outcome.ShouldBe(Outcomes.Failed);
        answer.RuleId.ShouldBe("A3");
        answer.FundId.ShouldBe(Guid.Empty);
        answer.Tier.ShouldBeNull();
        (await api.Db(db => db.SpecialFunds.CountAsync(f => f.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(0.01, true)]
    public async Task A3_a_special_fund_from_a_workflow_has_a_positive_amount(decimal amount, bool recorded)
    {
        var unit = await api.Unit("Water bureau", 2_000_000);

        var answer = await Answer<RecordSpecialFund, SpecialFundRecorded>(new RecordSpecialFund(Procedure(), api.Tenant, unit.Id, api.Year, amount, "Well"));

        if (recorded)
        {
            answer.Outcome.ShouldBe(SpecialFundTreatments.RegradedThisYear);
            (await api.Stored(unit.Id)).Tier.ShouldBe(2);
        }
        else
        {
            answer.Outcome.ShouldBe(Outcomes.Failed);
            answer.RuleId.ShouldBe("A3");
            (await api.Db(db => db.SpecialFunds.CountAsync(f => f.TenantId == api.Tenant))).ShouldBe(0);
            (await api.Stored(unit.Id)).Tier.ShouldBe(3);
        }
    }

    [Fact]
    public async Task A_step_that_cannot_reach_the_database_is_not_answered_as_a_refusal_so_the_message_is_retried()
    {
        var unreachable = new DbContextOptionsBuilder<AuditDbContext>().UseNpgsql("Host=127.0.0.1;Port=1;Database=none;Timeout=2").Options;
        await using var db = new AuditDbContext(unreachable);
        var plans = new AuditPlans(db, Options.Create(new AuditOptions()), TimeProvider.System);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            CommandRefusals.Capture(db, () => plans.DrawUpAsync(new DrawUpAuditPlan(Guid.NewGuid(), api.Tenant, api.Year), "test", default), "A2"));

        failure.InnerException.ShouldBeAssignableTo<NpgsqlException>(); // EF's "likely due to a transient failure"
    }

    [Fact]
    public void A_refusal_names_the_rule_of_the_exception_or_else_the_step_s_rule_and_anything_else_is_no_refusal()
    {
        CommandRefusals.Refusal(new RuleViolationException("unitId", "A4", "unknown unit"), "A2").ShouldBe(new CommandRefusal("A4", "unknown unit"));
        CommandRefusals.Refusal(new NotFoundException("No such unit."), "A3").ShouldBe(new CommandRefusal("A3", "No such unit."));
        CommandRefusals.Refusal(new StateConflictException("already recorded"), "A5").ShouldBe(new CommandRefusal("A5", "already recorded"));
        CommandRefusals.Refusal(new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Year", "out of range"),
            new FluentValidation.Results.ValidationFailure("Findings", "named") { ErrorCode = "A5" }]), "A2").ShouldBe(new CommandRefusal("A5", "Findings: named"));
        CommandRefusals.Refusal(new DbUpdateException("unique key"), "A2").ShouldBeNull();
        CommandRefusals.Refusal(new TimeoutException(), "A2").ShouldBeNull();
    }
}
