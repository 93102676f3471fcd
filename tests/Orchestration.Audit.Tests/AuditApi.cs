using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Audit.Data;
using Orchestration.Audit.Units;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;

namespace Orchestration.Audit.Tests;

/// <summary>A tenant of its own on the shared audit host, with helpers to set up units and look behind the API.</summary>
public sealed class AuditApi(AuditHostFixture audit)
{
    public string Tenant { get; } = $"county-{Guid.NewGuid():N}"[..16];

    /// <summary>The county's year now, as the service counts it.</summary>
    public int Year { get; } = new CountyClock(TimeProvider.System).Today().Year;

    public HttpClient Client(string? ofTenant = null) => audit.Host.CreateClientFor(ofTenant ?? Tenant, Roles.Auditor);

    public async Task<UnitResponse> Unit(string name, decimal budget, AuditFactors? factors = null, Guid? leader = null, DateOnly? tenureStart = null)
    {
        var response = await Client().PostAsJsonAsync("/api/audit/units", new GradeUnitRequest(name, budget, factors, null, leader, tenureStart));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<UnitResponse>())!;
    }

    public async Task<T> Db<T>(Func<AuditDbContext, Task<T>> query)
    {
        await using var scope = audit.Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AuditDbContext>());
    }

    public Task<AuditUnit> Stored(Guid unitId) => Db(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId));

    public static async Task<T> Read<T>(HttpResponseMessage response)
    {
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>The rule a 400 answer names for <paramref name="field"/>.</summary>
    public static async Task<string?> RuleOf(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("rules").GetProperty(field).GetString();
    }
}
