using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>Two replicas of the workflow server on one database: a logout on one holds on the other.</summary>
public sealed class SharedRevocationTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    ServiceHost<Program> a = null!;
    ServiceHost<Program> b = null!;

    public async Task InitializeAsync()
    {
        a = new ServiceHost<Program>(servers, "Workflows") { OwnBroker = true };
        await a.StartedAsync();
        b = new ServiceHost<Program>(servers, "Workflows")
        {
            OwnBroker = true,
            Configure = host => host.UseSetting("ConnectionStrings:Workflows", a.DatabaseConnectionString),
        };
        await b.StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    static async Task<HttpStatusCode> Definitions(ServiceHost<Program> replica, string token)
    {
        var client = replica.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/elsa/api/workflow-definitions")).StatusCode;
    }

    static async Task LogOut(ServiceHost<Program> replica, string token)
    {
        var browser = replica.CreateClient(new() { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.Name}={token}");
        (await browser.PostAsync("/studio/logout", null)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_token_logged_out_on_one_replica_is_refused_by_the_other()
    {
        var token = TestTokens.For("wang", "county-a", Roles.Administrator);
        (await Definitions(a, token)).ShouldBe(HttpStatusCode.OK);

        await LogOut(a, token);

        (await Definitions(a, token)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Definitions(b, token)).ShouldBe(HttpStatusCode.Unauthorized); // B never saw it: it asks the database
    }

    [Fact]
    public async Task A_replica_that_accepted_the_token_before_refuses_it_within_the_recheck_interval()
    {
        var token = TestTokens.For("li", "county-a", Roles.Administrator);
        (await Definitions(b, token)).ShouldBe(HttpStatusCode.OK); // B remembers "not revoked" for a few seconds

        await LogOut(a, token);

        await Eventually.True(async () => await Definitions(b, token) == HttpStatusCode.Unauthorized,
            "replica B to refuse the token logged out on A", SharedTokenRevocations.DefaultRecheck + TimeSpan.FromSeconds(5));
        (await a.Service<TokenRevocations>().IsRevokedAsync(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token))).ShouldBeTrue();
    }
}
