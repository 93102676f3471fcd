using System.Net;
using Shouldly;
using Xunit;

namespace Orchestration.Abuse.Tests;

/// <summary>
/// In Production (the hosts of <see cref="AbuseSystem"/> run there) minimal APIs would answer unreadable JSON with a bare 400; the
/// answer is a problem naming the JSON path and the position.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class ProductionJsonTests(AbuseSystem system)
{
    [Fact]
    public void The_hosts_run_in_production()
    {
        var environment = (Microsoft.Extensions.Hosting.IHostEnvironment)system.Vetting.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostEnvironment))!;
        environment.EnvironmentName.ShouldBe("Production");
    }

    [Theory]
    [InlineData("""{"cadreId":"not-a-guid","name":"x"}""", "cadreId")]
    [InlineData("""{"cadreId":"5af0b9e8-0000-0000-0000-000000000001","birthDate":"2025-02-29"}""", "birthDate")]
    [InlineData("""{"cadreId":"5af0b9e8-0000-0000-0000-000000000001","sex":"Nope"}""", "sex")]
    [InlineData("""{"cadreId":"5af0b9e8-0000-0000-0000-000000000001","careerHistory":[1,{"a":2}]}""", "careerHistory[0]")]
    public async Task A_value_of_the_wrong_type_names_its_path(string body, string field)
    {
        var tenant = AbuseSystem.NewTenant("prod");
        var response = await system.Client("vetting", tenant).PostJson("/api/vetting/cadre-files", body);

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        problem["errors"]![field]![0]!.GetValue<string>().ShouldContain("position");
        (await system.StoredRows("vetting", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task Malformed_json_and_a_missing_body_are_problems()
    {
        var client = system.Client("vetting", AbuseSystem.NewTenant("prod"));
        await (await client.PostJson("/api/vetting/cadre-files", """{"cadreId":""")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/api/vetting/cadre-files", null)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await client.PostAsync("/api/vetting/cadre-files", new StringContent("x", System.Text.Encoding.UTF8, "text/plain"))).StatusCode
            .ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }
}
