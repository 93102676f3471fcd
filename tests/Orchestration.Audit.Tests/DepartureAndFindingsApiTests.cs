using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Audit.Departures;
using Orchestration.Audit.Findings;
using Orchestration.Audit.Regrading;
using Orchestration.Audit.Units;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

[Collection(AuditCollection.Name)]
public sealed class DepartureAndFindingsApiTests(AuditHostFixture audit)
{
    readonly AuditApi api = new(audit);

    Task<HttpResponseMessage> Result(Guid unitId, Guid cadreId, AuditRating rating, string[]? findings = null, Guid? departureId = null) =>
        api.Client().PostAsJsonAsync("/api/audit/results", new RecordAuditResultRequest(unitId, cadreId, api.Year, rating, findings, departureId));

    [Fact]
    public async Task C1_A4_A5_the_record_entries_of_a_departure_audit_and_its_result_name_the_rules_they_applied()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Water bureau", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));

        (await Result(unit.Id, leader, AuditRating.Satisfactory, departureId: departure.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await CadreRecordEntries.RuleOfAsync<Data.AuditDbContext>(audit.Host.Services, leader, nameof(RequestDepartureAudit))).ShouldBe("A4");
        (await CadreRecordEntries.RuleOfAsync<Data.AuditDbContext>(audit.Host.Services, leader, nameof(RecordAuditResult))).ShouldBe("A5");
    }

    [Fact]
    public async Task A4_a_leader_cannot_leave_before_the_departure_audit_and_may_after_it()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Transport bureau", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        departure.PowersFrozen.ShouldBeTrue();
        departure.HandoverDeadline.ShouldBe(new CountyClock(TimeProvider.System).DateOf(departure.RequestedAt).AddDays(30)); // from the county date

        var early = await api.Client().PostAsync($"/api/audit/departures/{departure.Id}/clearance", null);

        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("departureAuditId").GetString().ShouldBe("A4");
        (await api.Db(db => db.DepartureAudits.SingleAsync(d => d.Id == departure.Id))).Status.ShouldBe(DepartureAuditStatus.Pending);

        (await Result(unit.Id, leader, AuditRating.Satisfactory, departureId: departure.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var cleared = await AuditApi.Read<DepartureView>(await api.Client().PostAsync($"/api/audit/departures/{departure.Id}/clearance", null));
        cleared.Status.ShouldBe(DepartureAuditStatus.Cleared);
        cleared.PowersFrozen.ShouldBeFalse();
    }

    [Fact]
    public async Task A4_a_pending_departure_puts_the_unit_in_the_plan()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Archive", 1_000_000, leader: leader);
        await api.Unit("Library", 1_000_000);
        await api.Client().PostAsJsonAsync("/api/audit/departures", new RequestDepartureAuditRequest(leader, unit.Id));

        var plan = await AuditApi.Read<Plans.AuditPlanView>(await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new Plans.DrawUpPlanRequest()));

        plan.Units.Single(u => u.UnitId == unit.Id).Reason.ShouldBe(PlanReason.Departure);
    }

    [Fact]
    public async Task A5_an_excellent_result_is_commended_and_a_satisfactory_one_is_not()
    {
        var excellent = Guid.NewGuid();
        var satisfactory = Guid.NewGuid();
        var unit = await api.Unit("Finance bureau", 6_000_000);

        (await Result(unit.Id, excellent, AuditRating.Excellent)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Result(unit.Id, satisfactory, AuditRating.Satisfactory)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var commendations = await api.Client().GetFromJsonAsync<CommendationResponse[]>("/api/audit/commendations");
        commendations!.Single().CadreId.ShouldBe(excellent);
        commendations!.Single().Grounds.ShouldBe($"Finance bureau{api.Year}年度经济责任审计评价为优秀"); // A5: the file that receives it is read in Chinese
        (await api.Stored(unit.Id)).LastAuditedYear.ShouldBe(api.Year);
    }

    [Fact]
    public async Task A5_a_deficient_result_without_findings_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var unit = await api.Unit("Finance bureau", 6_000_000);

        var response = await Result(unit.Id, Guid.NewGuid(), AuditRating.Deficient);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("findings").GetString().ShouldBe("A5");
        (await api.Db(db => db.Audits.CountAsync(a => a.TenantId == api.Tenant))).ShouldBe(0);
        (await api.Stored(unit.Id)).LastAuditedYear.ShouldBeNull();
    }

    [Fact]
    public async Task A5_findings_are_reported_on_the_bus_for_a_disposition_case()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Housing bureau", 6_000_000, leader: leader);
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(AuditFindingsReported));

        var recorded = await AuditApi.Read<AuditResultResponse>(await Result(unit.Id, leader, AuditRating.Deficient, ["funds diverted to office renovation"]));

        var reported = await probe.WaitFor<AuditFindingsReported>(e => e.AuditId == recorded.Id);
        reported.CadreId.ShouldBe(leader);
        reported.Findings.ShouldBe(["funds diverted to office renovation"]);
        (await api.Db(db => db.Commendations.CountAsync(c => c.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A3_a_special_fund_raises_the_unit_and_a_clean_audit_after_completion_restores_it()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Water bureau", 2_000_000, leader: leader);
        unit.Tier.ShouldBe(3);

        var fund = await AuditApi.Read<SpecialFundResponse>(await api.Client().PostAsJsonAsync($"/api/audit/units/{unit.Id}/special-funds",
            new RecordSpecialFundRequest(api.Year, 10_000_000, "Reservoir")));
        fund.Treatment.ShouldBe(SpecialFundTreatments.OneTierUp);
        (await api.Stored(unit.Id)).Tier.ShouldBe(2);

        await Result(unit.Id, leader, AuditRating.Satisfactory); // before completion: the raise stays
        (await api.Stored(unit.Id)).Tier.ShouldBe(2);

        (await api.Client().PostAsJsonAsync($"/api/audit/special-funds/{fund.Id}/completion", new CompleteProjectRequest(api.Year)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await Result(unit.Id, leader, AuditRating.Satisfactory);
        (await api.Stored(unit.Id)).Tier.ShouldBe(3);
    }

    [Fact]
    public async Task A3_a_fund_of_100_million_puts_the_unit_in_the_special_tier_and_a_budget_adjustment_keeps_it_there()
    {
        var unit = await api.Unit("Development bureau", 4_000_000);

        await api.Client().PostAsJsonAsync($"/api/audit/units/{unit.Id}/special-funds", new RecordSpecialFundRequest(api.Year, 100_000_000, "Ring road"));
        var adjusted = await AuditApi.Read<UnitResponse>(await api.Client().PostAsJsonAsync($"/api/audit/units/{unit.Id}/budget-adjustments",
            new AdjustBudgetRequest(api.Year + 1, 2_990_000)));

        adjusted.Tier.ShouldBe(AuditTiers.SpecialTier);
        adjusted.BaseTier.ShouldBe(3);
    }

    [Theory]
    [InlineData(2_990_000, 3)]
    [InlineData(3_000_000, 3)] // 「300万以下」 includes 3,000,000
    [InlineData(3_010_000, 2)]
    [InlineData(4_990_000, 2)]
    [InlineData(5_000_000, 1)] // 「500万元以上」 includes 5,000,000
    [InlineData(5_010_000, 1)]
    public async Task A3_the_start_of_year_adjustment_re_grades_from_the_new_budget(decimal budget, int tier)
    {
        var unit = await api.Unit("Culture bureau", 4_000_000);

        var adjusted = await AuditApi.Read<UnitResponse>(await api.Client().PostAsJsonAsync($"/api/audit/units/{unit.Id}/budget-adjustments",
            new AdjustBudgetRequest(api.Year + 1, budget)));

        adjusted.Tier.ShouldBe(tier);
        (await api.Stored(unit.Id)).AnnualBudget.ShouldBe(budget);
    }

    [Fact]
    public async Task A3_a_non_positive_fund_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var unit = await api.Unit("Culture bureau", 4_000_000);

        var response = await api.Client().PostAsJsonAsync($"/api/audit/units/{unit.Id}/special-funds", new RecordSpecialFundRequest(api.Year, 0, "Nothing"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("amount").GetString().ShouldBe("A3");
        (await api.Db(db => db.SpecialFunds.CountAsync(f => f.TenantId == api.Tenant))).ShouldBe(0);
        (await api.Stored(unit.Id)).Tier.ShouldBe(2);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_or_clear_the_departure_audit()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Transport bureau", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        var other = $"county-{Guid.NewGuid():N}"[..16];

        (await api.Client(other).GetAsync($"/api/audit/departures/{departure.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Client(other).PostAsync($"/api/audit/departures/{departure.Id}/clearance", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Client(other).GetFromJsonAsync<SpecialFundResponse[]>("/api/audit/special-funds"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task A4_a_departure_audit_asked_by_a_workflow_answers_when_the_audit_is_recorded()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Tax office", 6_000_000, leader: leader);
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(DepartureAuditCompleted), typeof(LeaderDepartureCleared));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RequestDepartureAudit(procedureId, api.Tenant, leader, unit.Id));
        var departure = await Eventually.Get(() => api.Db(db => db.DepartureAudits.SingleOrDefaultAsync(d => d.ProcedureId == procedureId)),
            "the departure audit to be opened");
        await probe.Publish(new ClearLeaderDeparture(procedureId, api.Tenant, leader, departure.Id));
        (await probe.WaitFor<LeaderDepartureCleared>(e => e.ProcedureId == procedureId)).RuleId.ShouldBe("A4");

        (await Result(unit.Id, leader, AuditRating.Satisfactory, departureId: departure.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var completed = await probe.WaitFor<DepartureAuditCompleted>(e => e.ProcedureId == procedureId);
        completed.Outcome.ShouldBe(Outcomes.Passed);
        probe.Received<DepartureAuditCompleted>(e => e.ProcedureId == procedureId).Count.ShouldBe(1);
    }
    [Fact]
    public async Task A4_a_departure_requested_through_the_api_is_announced_once_so_the_departure_procedure_starts()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Land bureau", 6_000_000, leader: leader);
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(DepartureAuditRequested));

        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        var again = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));

        again.Id.ShouldBe(departure.Id);
        var announced = await probe.WaitFor<DepartureAuditRequested>(e => e.DepartureAuditId == departure.Id);
        announced.ProcedureId.ShouldBe(Guid.Empty);
        announced.CadreId.ShouldBe(leader);
        announced.UnitName.ShouldBe("Land bureau");
        announced.HandoverDeadline.ShouldBe(departure.HandoverDeadline);
        // A later departure's announcement comes after any the repeated request could have caused.
        var nextLeader = Guid.NewGuid();
        var nextUnit = await api.Unit("Mining bureau", 6_000_000, leader: nextLeader);
        await api.Client().PostAsJsonAsync("/api/audit/departures", new RequestDepartureAuditRequest(nextLeader, nextUnit.Id));
        await probe.WaitFor<DepartureAuditRequested>(e => e.CadreId == nextLeader);
        probe.Received<DepartureAuditRequested>(e => e.CadreId == leader).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A4_a_procedure_following_a_requested_departure_audit_is_answered_when_the_audit_is_recorded()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Forestry bureau", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(DepartureAuditCompleted));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RequestDepartureAudit(procedureId, api.Tenant, leader, unit.Id, departure.Id));
        await Eventually.True(() => api.Db(db => db.DepartureAudits.AnyAsync(d => d.Id == departure.Id && d.ProcedureId == procedureId)),
            "the procedure to follow the departure audit");
        probe.Received<DepartureAuditCompleted>(e => e.ProcedureId == procedureId).ShouldBeEmpty();

        (await Result(unit.Id, leader, AuditRating.Deficient, ["handover incomplete"], departure.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var completed = await probe.WaitFor<DepartureAuditCompleted>(e => e.ProcedureId == procedureId);
        completed.DepartureAuditId.ShouldBe(departure.Id);
        completed.Outcome.ShouldBe(Outcomes.Failed);
        (await api.Db(db => db.DepartureAudits.CountAsync(d => d.CadreId == leader))).ShouldBe(1);
    }

    [Fact]
    public async Task A4_a_procedure_asking_after_the_departure_audit_was_recorded_is_answered_at_once()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Statistics bureau", 2_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        var recorded = await AuditApi.Read<AuditResultResponse>(await Result(unit.Id, leader, AuditRating.Satisfactory, departureId: departure.Id));
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(DepartureAuditCompleted));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RequestDepartureAudit(procedureId, api.Tenant, leader, unit.Id, departure.Id));

        var completed = await probe.WaitFor<DepartureAuditCompleted>(e => e.ProcedureId == procedureId);
        completed.Outcome.ShouldBe(Outcomes.Passed);
        completed.AuditId.ShouldBe(recorded.Id);
        var stored = await api.Db(db => db.DepartureAudits.SingleAsync(d => d.Id == departure.Id));
        stored.Status.ShouldBe(DepartureAuditStatus.Completed);
        stored.ProcedureId.ShouldBe(procedureId);
    }

    [Fact]
    public async Task A4_following_the_departure_audit_of_another_leader_or_one_followed_by_another_procedure_is_refused()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Audit office", 6_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        await using var scope = audit.Host.Services.CreateAsyncScope();
        var departures = scope.ServiceProvider.GetRequiredService<DepartureAudits>();

        var otherLeader = await Should.ThrowAsync<RuleViolationException>(() =>
            departures.RequestAsync(new RequestDepartureAudit(Guid.NewGuid(), api.Tenant, Guid.NewGuid(), unit.Id, departure.Id), default));
        otherLeader.RuleId.ShouldBe("A4");

        await departures.RequestAsync(new RequestDepartureAudit(Guid.NewGuid(), api.Tenant, leader, unit.Id, departure.Id), default);
        var second = await Should.ThrowAsync<StateConflictException>(() =>
            departures.RequestAsync(new RequestDepartureAudit(Guid.NewGuid(), api.Tenant, leader, unit.Id, departure.Id), default));
        second.RuleId.ShouldBe("A4");
    }
    [Fact]
    public async Task A3_a_workflow_s_budget_adjustment_of_an_unknown_unit_or_a_negative_budget_answers_Failed_and_changes_nothing()
    {
        var unit = await api.Unit("Sports bureau", 4_000_000);
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(AuditUnitBudgetAdjusted));
        var unknown = Guid.NewGuid();
        var procedureId = Guid.NewGuid();

        await probe.Publish(new AdjustAuditUnitBudget(procedureId, api.Tenant, unknown, api.Year + 1, 6_000_000));
        await probe.Publish(new AdjustAuditUnitBudget(procedureId, api.Tenant, unit.Id, api.Year + 1, -1));
        await probe.Publish(new AdjustAuditUnitBudget(procedureId, api.Tenant, unit.Id, api.Year + 1, 0));

        var missing = await probe.WaitFor<AuditUnitBudgetAdjusted>(e => e.ProcedureId == procedureId && e.UnitId == unknown);
        missing.Outcome.ShouldBe(Outcomes.Failed);
        missing.Tier.ShouldBeNull();
        var negative = await probe.WaitFor<AuditUnitBudgetAdjusted>(e => e.ProcedureId == procedureId && e.UnitId == unit.Id && e.Outcome == Outcomes.Failed);
        negative.RuleId.ShouldBe("A3");
        var zero = await probe.WaitFor<AuditUnitBudgetAdjusted>(e => e.ProcedureId == procedureId && e.UnitId == unit.Id && e.Outcome != Outcomes.Failed);
        zero.Outcome.ShouldBe(RegradingOutcomes.Lowered);
        zero.Tier.ShouldBe(3);
        (await api.Stored(unit.Id)).AnnualBudget.ShouldBe(0);
        (await api.Db(db => db.Units.CountAsync(u => u.Id == unknown))).ShouldBe(0);
    }
}
