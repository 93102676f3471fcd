using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Villages;
using Shouldly;

namespace Orchestration.VillagePay.Tests;

/// <summary>Calls to the village-pay host as a user of one tenant, and a look behind the API at its database.</summary>
public sealed class Api(VillagePayHostFixture villagePay, string? tenant = null)
{
    public string Tenant { get; } = tenant ?? $"county-{Guid.NewGuid():N}"[..16];

    public HttpClient Client(string role = Roles.OrganizationDepartment) => villagePay.Host.CreateClientFor(Tenant, role);

    /// <summary>The county's date, as the service computes it.</summary>
    public static DateOnly Today => new CountyClock(TimeProvider.System).Today();

    public async Task<T> Created<T>(string path, object body)
    {
        var response = await Client().PostAsJsonAsync(path, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public async Task<T> Ok<T>(string path, object? body = null)
    {
        var response = await Client().PostAsJsonAsync(path, body ?? new { });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public Task<VillageResponse> Village(string name, string township = "Xin township", int population = 1_500, string? principal = "Batu") =>
        Created<VillageResponse>("/api/village-pay/villages", new RegisterVillageRequest(name, township, population, principal));

    /// <summary>A 400 problem naming the rule for <paramref name="field"/>.</summary>
    public static async Task ShouldRefuse(HttpResponseMessage response, string field, string rule)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("rules").GetProperty(field).GetString().ShouldBe(rule, body);
    }

    /// <summary>A 409 problem naming the rule.</summary>
    public static async Task ShouldConflict(HttpResponseMessage response, string rule)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
        JsonDocument.Parse(body).RootElement.GetProperty("rule").GetString().ShouldBe(rule, body);
    }

    public async Task<T> Query<T>(Func<VillagePayDbContext, Task<T>> query)
    {
        await using var scope = villagePay.Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<VillagePayDbContext>());
    }

    public Task<int> Count<TEntity>(Func<IQueryable<TEntity>, IQueryable<TEntity>> filter) where TEntity : class =>
        Query(db => filter(db.Set<TEntity>()).CountAsync());
}
