using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Plans;
using Orchestration.Contracts.Audit;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

[Collection(AuditCollection.Name)]
public sealed class PlanApiTests(AuditHostFixture audit)
{
    readonly AuditApi api = new(audit);

    [Fact]
    public async Task A2_a_plan_meets_each_tiers_share_and_says_why_each_unit_is_in_it()
    {
        for (var i = 0; i < 6; i++) await api.Unit($"Bureau {i}", 6_000_000); // tier 1: 35% of 6 → 3
        for (var i = 0; i < 5; i++) await api.Unit($"Office {i}", 4_000_000); // tier 2: 20% of 5 → 1
        var tenured = await api.Unit("Archive", 1_000_000, tenureStart: new DateOnly(api.Year - 5, 1, 10));
        await api.Unit("Library", 1_000_000);

        var response = await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest());

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var plan = (await response.Content.ReadFromJsonAsync<AuditPlanView>())!;
        plan.Units.Count(u => u.Tier == 1 && u.Reason == PlanReason.Quota).ShouldBe(3);
        plan.Units.Count(u => u.Tier == 2 && u.Reason == PlanReason.Quota).ShouldBe(1);
        plan.Units.Single(u => u.Reason == PlanReason.Tenure).UnitId.ShouldBe(tenured.Id);
        plan.Units.Single(u => u.Reason == PlanReason.Sample).UnitName.ShouldBe("Library");
        (await api.Client().GetFromJsonAsync<AuditPlanView>($"/api/audit/plans/{api.Year}"))!.Units.Count.ShouldBe(6);
    }

    [Fact]
    public async Task A2_each_planned_audit_is_a_deadline_of_the_unit_s_leader_due_on_31_December_and_met_when_the_year_s_audit_is_recorded()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Grain bureau", 6_000_000, leader: leader);

        var plan = await AuditApi.Read<AuditPlanView>(await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest()));
        plan.Units.ShouldContain(u => u.UnitId == unit.Id);
        (await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var opened = (await Deadlines(unit.Id)).ShouldHaveSingleItem(); // asking for the plan again announces nothing again
        (opened.Kind, opened.Service, opened.CadreId, opened.DueOn, opened.MetOn, opened.RuleId, opened.Responsible)
            .ShouldBe(("planned-audit", "audit", (Guid?)leader, new DateOnly(api.Year, 12, 31), (DateOnly?)null, "A2", $"user-of-{api.Tenant}"));
        opened.Subject.ShouldBe($"计划审计：Grain bureau（{api.Year}年）");

        (await api.Client().PostAsJsonAsync("/api/audit/results", new Findings.RecordAuditResultRequest(unit.Id, leader, api.Year, AuditRating.Satisfactory, null)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var deadlines = await Deadlines(unit.Id);
        deadlines.Count.ShouldBe(2);
        deadlines[1].MetOn.ShouldBe(new Orchestration.ServiceDefaults.Time.CountyClock(TimeProvider.System).Today());
    }

    /// <summary>The planned-audit deadlines of <paramref name="unitId"/> this year the service announced, oldest first.</summary>
    Task<List<Orchestration.Contracts.Workflows.ServiceDeadline>> Deadlines(Guid unitId) => api.Db(async db =>
        (await db.Set<Orchestration.ServiceDefaults.Messaging.OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType.StartsWith(typeof(Orchestration.Contracts.Workflows.ServiceDeadline).FullName + ",")
                && m.Body.Contains(AuditPlans.PlannedAuditKey(api.Year, unitId))).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync())
        .Select(b => JsonSerializer.Deserialize<Orchestration.Contracts.Workflows.ServiceDeadline>(b, JsonSerializerOptions.Web)!).ToList());

    [Fact]
    public async Task A2_a_year_has_one_plan_and_asking_again_returns_it()
    {
        await api.Unit("Bureau", 6_000_000);
        var first = await AuditApi.Read<AuditPlanView>(await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest()));
        await api.Unit("Later bureau", 6_000_000);

        var again = await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest());

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<AuditPlanView>())!.Id.ShouldBe(first.Id);
        (await api.Db(db => db.Plans.CountAsync(p => p.TenantId == api.Tenant))).ShouldBe(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task A2_tier_3_samples_outside_one_to_two_are_bad_input_naming_the_field_and_rule_and_nothing_is_stored(int samples)
    {
        await api.Unit("Library", 1_000_000);

        var response = await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest(samples));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("tier3Samples").GetString().ShouldBe("A2");
        (await api.Db(db => db.Plans.CountAsync(p => p.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_plan_nor_is_their_plan_drawn_from_these_units()
    {
        await api.Unit("Bureau", 6_000_000);
        await api.Client().PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest());
        var other = $"county-{Guid.NewGuid():N}"[..16];

        (await api.Client(other).GetAsync($"/api/audit/plans/{api.Year}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var theirs = await AuditApi.Read<AuditPlanView>(await api.Client(other).PostAsJsonAsync($"/api/audit/plans/{api.Year}", new DrawUpPlanRequest()));
        theirs.Units.ShouldBeEmpty();
    }

    [Fact]
    public async Task Audit_receives_a_plan_command_and_answers_with_one_event()
    {
        var unit = await api.Unit("Bureau", 6_000_000);
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(AuditPlanDrawnUp));
        var procedureId = Guid.NewGuid();
        var command = new DrawUpAuditPlan(procedureId, api.Tenant, api.Year + 1);

        await probe.Publish(command);

        var drawnUp = await probe.WaitFor<AuditPlanDrawnUp>(e => e.ProcedureId == procedureId);
        drawnUp.Units.Single().UnitId.ShouldBe(unit.Id);
        drawnUp.RuleId.ShouldBe("A2");
        await Eventually.True(async () => await api.Db(db => db.Set<Orchestration.ServiceDefaults.Messaging.OutboxMessage>()
            .AnyAsync(m => m.DispatchedAt != null && m.Body.Contains(procedureId.ToString()))), "the outbox row to be published");
        probe.Received<AuditPlanDrawnUp>(e => e.ProcedureId == procedureId).Count.ShouldBe(1);
    }
}

[Collection(AuditCollection.Name)]
public sealed class AuditApiDescriptionTests(AuditHostFixture audit)
{
    [Fact]
    public async Task The_api_description_lists_the_plan_regrading_result_and_departure_endpoints()
    {
        var description = await audit.Host.CreateClient().GetStringAsync("/openapi/v1.json");

        description.ShouldContain("/api/audit/plans/{year}");
        description.ShouldContain("/api/audit/units/{id}/special-funds");
        description.ShouldContain("/api/audit/results");
        description.ShouldContain("/api/audit/departures/{id}/clearance");
    }
}
