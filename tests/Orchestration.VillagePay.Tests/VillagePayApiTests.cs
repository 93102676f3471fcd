using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Villages;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

[Collection(VillagePayCollection.Name)]
public sealed class VillagePayApiTests(VillagePayHostFixture villagePay)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => villagePay.Host.CreateClient().AsTownshipClerk(ofTenant ?? tenant, "Xin township");

    async Task<VillageResponse> Register(int population = 1_500)
    {
        var response = await Client().PostAsJsonAsync("/api/village-pay/villages", new RegisterVillageRequest("Bayan", "Xin township", population));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<VillageResponse>())!;
    }

    [Fact]
    public async Task P1_a_registered_village_has_the_base_pay_of_its_band()
    {
        (await Register(population: 3_200)).BasePay.ShouldBe(9_000m);
    }

    [Fact]
    public async Task P1_a_negative_population_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var response = await Client().PostAsJsonAsync("/api/village-pay/villages", new RegisterVillageRequest("Bayan", "Xin township", -5));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("population").GetString().ShouldBe("P1");
        await using var scope = villagePay.Host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<VillagePayDbContext>().Villages.CountAsync(v => v.TenantId == tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task P2_a_year_is_graded_once()
    {
        var village = await Register();

        var first = await Client().PostAsJsonAsync($"/api/village-pay/villages/{village.Id}/grades", new GradePrincipalRequest(2026, PrincipalGrade.Excellent));
        var second = await Client().PostAsJsonAsync($"/api/village-pay/villages/{village.Id}/grades", new GradePrincipalRequest(2026, PrincipalGrade.Incompetent));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await first.Content.ReadFromJsonAsync<GradeResponse>())!.PerformancePay.ShouldBe(4_000m);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString().ShouldBe("P2");
    }

    [Fact]
    public async Task A_caller_of_another_tenant_can_neither_see_nor_grade_the_village()
    {
        var village = await Register();
        var other = $"county-{Guid.NewGuid():N}"[..16];

        (await Client(other).GetAsync($"/api/village-pay/villages/{village.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(other).PostAsJsonAsync($"/api/village-pay/villages/{village.Id}/grades", new GradePrincipalRequest(2026, PrincipalGrade.Excellent)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Village_pay_receives_a_grading_command_and_answers_with_its_event()
    {
        var village = await Register(population: 500);
        await using var probe = await BusProbe.StartAsync(villagePay.Servers.RabbitMq.AmqpUri, typeof(VillagePrincipalGraded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new GradeVillagePrincipal(procedureId, tenant, village.Id, 2026, PrincipalGrade.Incompetent));

        var graded = await probe.WaitFor<VillagePrincipalGraded>(e => e.ProcedureId == procedureId);
        graded.BasePay.ShouldBe(7_000m);
        graded.PerformancePay.ShouldBe(0m);
        graded.AdmonishmentTalk.ShouldBeTrue();
        graded.Outcome.ShouldBe(nameof(PrincipalGrade.Incompetent));
    }
}

[Collection(VillagePayCollection.Name)]
public sealed class VillagePayOpenApiTests(VillagePayHostFixture villagePay)
{
    [Fact]
    public async Task The_api_description_lists_every_capability()
    {
        var document = await villagePay.Host.CreateClient().GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/village-pay/evaluations", "/api/village-pay/grades/townships", "/api/village-pay/selection/rounds/{id}/stages",
                     "/api/village-pay/retirement-subsidies", "/api/village-pay/payroll/{year}.csv" })
            document.ShouldContain($"\"{path}\"");
    }
}
