using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>Bad input is answered with RFC 9457 problem details naming the field (and rule); nothing is stored.</summary>
public sealed class ProblemDetailsTests(ProblemDetailsTests.Ledger ledger) : IClassFixture<ProblemDetailsTests.Ledger>
{
    public sealed class Ledger : IAsyncLifetime
    {
        readonly ServersFixture servers = new();
        public WebApplication App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await servers.InitializeAsync();
            App = await SampleHosts.StartLedgerAsync(servers);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await servers.DisposeAsync();
        }
    }

    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    async Task<int> StoredRows()
    {
        await using var scope = ledger.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDb>();
        return await db.Entries.CountAsync(e => e.TenantId == tenant) + await db.Set<OutboxMessage>().CountAsync(m => m.Body.Contains(tenant));
    }

    async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_empty_required_field_is_named_and_nothing_is_written()
    {
        var client = ledger.App.GetTestClient().As(tenant, Roles.OrganizationDepartment);

        var problem = await Problem(await client.PostAsJsonAsync("/api/ledger/entries", new RecordEntry("")));

        problem.GetProperty("errors").GetProperty("name").GetArrayLength().ShouldBe(1);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        (await StoredRows()).ShouldBe(0);
    }

    [Fact]
    public async Task A_rule_violation_names_the_field_and_the_rule()
    {
        var client = ledger.App.GetTestClient().As(tenant, Roles.OrganizationDepartment);

        var problem = await Problem(await client.PostAsJsonAsync("/api/ledger/entries", new RecordEntry("ok", FailFirstAttempts: 4)));

        problem.GetProperty("errors").TryGetProperty("failFirstAttempts", out _).ShouldBeTrue();
        problem.GetProperty("rules").GetProperty("failFirstAttempts").GetString().ShouldBe("C1");
        // The rule in the department's words too: its Chinese name under ruleNames, and both names in the title.
        problem.GetProperty("ruleNames").GetProperty("C1").GetString().ShouldBe("选任全程纪实");
        problem.GetProperty("title").GetString().ShouldBe("规则 C1（选任全程纪实）不允许此请求 · Rule C1 (Full-process record) refused the request.");
        (await StoredRows()).ShouldBe(0);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_field()
    {
        var client = ledger.App.GetTestClient().As(tenant, Roles.OrganizationDepartment);

        var response = await client.PostAsync("/api/ledger/entries",
            new StringContent("""{"name":"x","failFirstAttempts":"many"}""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problem(response);
        problem.GetProperty("errors").TryGetProperty("failFirstAttempts", out _).ShouldBeTrue(problem.ToString());
        (await StoredRows()).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_without_a_token_is_refused_with_a_problem()
    {
        var response = await ledger.App.GetTestClient().PostAsJsonAsync("/api/ledger/entries", new RecordEntry("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StoredRows()).ShouldBe(0);
    }
}
