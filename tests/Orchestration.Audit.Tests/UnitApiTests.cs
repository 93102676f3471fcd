using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Audit.Data;
using Orchestration.Audit.Units;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

[Collection(AuditCollection.Name)]
public sealed class UnitApiTests(AuditHostFixture audit)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => audit.Host.CreateClientFor(ofTenant ?? tenant, Roles.Auditor);

    async Task<int> StoredUnits()
    {
        await using var scope = audit.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Units.CountAsync(u => u.TenantId == tenant);
    }

    [Fact]
    public async Task A1_a_unit_is_graded_and_its_factors_kept()
    {
        var response = await Client().PostAsJsonAsync("/api/audit/units",
            new GradeUnitRequest("Housing bureau", 2_000_000, new AuditFactors(CollectsFees: true)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var unit = (await response.Content.ReadFromJsonAsync<UnitResponse>())!;
        unit.Tier.ShouldBe(1);
        (await Client().GetFromJsonAsync<UnitResponse>($"/api/audit/units/{unit.Id}"))!.Factors.CollectsFees.ShouldBeTrue();
    }

    [Fact]
    public async Task A1_a_negative_budget_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var response = await Client().PostAsJsonAsync("/api/audit/units", new GradeUnitRequest("Bureau", -1));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("annualBudget").GetString().ShouldBe("A1");
        (await StoredUnits()).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_factor_value_is_bad_input_naming_the_field()
    {
        var response = await Client().PostAsync("/api/audit/units", new StringContent(
            """{"name":"Bureau","annualBudget":1000,"factors":{"decisionPower":"Enormous"}}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("factors.decisionPower", out _).ShouldBeTrue();
        (await StoredUnits()).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_unit()
    {
        var unit = (await (await Client().PostAsJsonAsync("/api/audit/units", new GradeUnitRequest("Finance bureau", 9_000_000)))
            .Content.ReadFromJsonAsync<UnitResponse>())!;

        var other = $"county-{Guid.NewGuid():N}"[..16];
        (await Client(other).GetAsync($"/api/audit/units/{unit.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(other).GetFromJsonAsync<UnitResponse[]>("/api/audit/units"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Audit_receives_a_grading_command_and_answers_with_its_event()
    {
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(AuditUnitGraded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new GradeAuditUnit(procedureId, tenant, Guid.NewGuid(), "Civil affairs", 4_000_000, new AuditFactors()));

        var graded = await probe.WaitFor<AuditUnitGraded>(e => e.ProcedureId == procedureId);
        graded.Outcome.ShouldBe(AuditTiers.Tier2);
        (await StoredUnits()).ShouldBe(1);
    }
}
