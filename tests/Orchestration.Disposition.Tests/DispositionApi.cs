using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;

namespace Orchestration.Disposition.Tests;

/// <summary>A tenant of its own on the shared disposition host, with helpers to call the API and look behind it.</summary>
public sealed class DispositionApi(DispositionHostFixture disposition)
{
    public string Tenant { get; } = $"county-{Guid.NewGuid():N}"[..16];

    public HttpClient Client(string? ofTenant = null) => disposition.Host.CreateClientFor(ofTenant ?? Tenant, Roles.OrganizationDepartment);

    public async Task<T> Db<T>(Func<DispositionDbContext, Task<T>> query)
    {
        await using var scope = disposition.Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DispositionDbContext>());
    }

    public static async Task<T> Read<T>(HttpResponseMessage response)
    {
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>The rule a 400 answer names for <paramref name="field"/>.</summary>
    public static async Task<string?> RuleOf(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.TryGetProperty("rules", out var rules).ShouldBeTrue($"no rules in {problem}");
        rules.TryGetProperty(field, out var rule).ShouldBeTrue($"no rule for {field} in {problem}");
        return rule.GetString();
    }
}
