using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Studio;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>A Studio host as an attacker meets it: who may sign in how, and which tokens the API takes.</summary>
public sealed class SignInSecurityTests : IAsyncLifetime
{
    const string ProductionKey = "production-test-signing-key-0123456789abcdef0123456789";
    WebApplication development = null!;
    WebApplication production = null!;
    WebApplication embeddedInTestServer = null!;

    static async Task<WebApplication> StartAsync(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddServiceDefaults("studio-sign-in-test");
        builder.AddElsaStudio();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapElsaStudio();
        app.MapGet("/api/probe/caller", (ClaimsPrincipal user) => Results.Ok(new { tenant = user.TenantId() })) // behind the fallback policy
            .AllowOutsideTable([.. Roles.All]);
        await app.StartAsync();
        return app;
    }

    public async Task InitializeAsync()
    {
        development = await StartAsync("Development");
        production = await StartAsync("Production", ("Auth:SigningKey", ProductionKey));
        // The embedded switch alone is not enough: a server that reports no loopback address issues nothing.
        embeddedInTestServer = await StartAsync("Production", ("Auth:SigningKey", ProductionKey), (SelfIssuedTokens.EmbeddedKey, "true"));
    }

    public async Task DisposeAsync()
    {
        await development.DisposeAsync();
        await production.DisposeAsync();
        await embeddedInTestServer.DisposeAsync();
    }

    static HttpClient Client(WebApplication app, string? bearer = null)
    {
        var client = app.GetTestServer().CreateClient();
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    static FormUrlEncodedContent SelfSignForm() => new(new Dictionary<string, string>
    {
        ["subject"] = "attacker", ["tenant"] = "county-b", ["role"] = Roles.Administrator, ["token"] = "", ["returnUrl"] = "/studio/",
    });

    [Theory]
    [InlineData("production")]
    [InlineData("embedded-not-on-loopback")]
    public async Task Outside_development_and_the_local_embedded_host_nobody_gets_a_self_issued_token(string which)
    {
        var app = which == "production" ? production : embeddedInTestServer;

        var signIn = await Client(app).PostAsync("/studio/login", SelfSignForm());

        signIn.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        signIn.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        signIn.Headers.Contains("Set-Cookie").ShouldBeFalse();
        var page = await Client(app).GetStringAsync("/studio/login");
        page.ShouldNotContain("name=\"tenant\"");
        page.ShouldNotContain("Sign in on this server");
    }

    [Fact]
    public async Task Outside_development_a_token_of_the_configured_issuer_still_signs_in()
    {
        var token = DevelopmentTokens.Issue("wang", "county-a", [Roles.Administrator], ProductionKey);
        var signIn = await Client(production).PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.GetValues("Set-Cookie").Single().ShouldStartWith($"{SessionCookie.Name}=");
    }

    [Fact]
    public async Task The_api_reference_needs_a_token_outside_development()
    {
        (await Client(production).GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client(production).GetAsync("/scalar")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var token = DevelopmentTokens.Issue("wang", "county-a", [Roles.Operator], ProductionKey);
        (await Client(production, token).GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client(development).GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_reference_signs_in_with_a_bearer_token_and_offers_no_outside_client()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await Client(development).GetStringAsync("/openapi/v1.json"))!;
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        scheme["type"]!.GetValue<string>().ShouldBe("http");
        scheme["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["security"]!.AsArray().Single()!.AsObject().Select(r => r.Key).ShouldBe(["Bearer"]);

        var page = await Client(development).GetStringAsync("/scalar/v1");
        page.ShouldContain("\"preferredSecurityScheme\":[\"Bearer\"]");
        page.ShouldContain("\"hideClientButton\":true");
        page.ShouldContain("\"telemetry\":false");
        page.ShouldContain("\"withDefaultFonts\":false");
        page.ShouldContain("\"agent\":{\"disabled\":true}");
        page.ShouldNotContain("fonts.scalar.com");
    }

    [Fact]
    public async Task The_servers_own_address_leads_to_the_studio()
    {
        var answer = await Client(production).GetAsync("/");

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldBe("/studio/");
    }

    [Fact]
    public async Task In_development_the_page_offers_and_issues_a_token_without_a_tenant_it_is_refused()
    {
        (await Client(development).GetStringAsync("/studio/login")).ShouldContain("name=\"tenant\"");
        var noTenant = await Client(development).PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = Roles.Operator }));
        noTenant.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Client(development).PostAsync("/studio/login", SelfSignForm())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    static string Token(DateTime issuedAt, TimeSpan lifetime, object? tenants = null, string? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = DevelopmentTokens.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = "wang", ["tenant"] = tenants ?? "county-a", ["role"] = Roles.OrganizationDepartment, ["jti"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? DevelopmentTokens.DevelopmentSigningKey)),
                SecurityAlgorithms.HmacSha256),
        });

    async Task<HttpStatusCode> Call(string token) => (await Client(development, token).GetAsync("/api/probe/caller")).StatusCode;

    [Fact]
    public async Task A_token_expired_31_seconds_ago_is_refused_one_expired_20_seconds_ago_is_within_the_skew()
    {
        var now = DateTime.UtcNow;
        (await Call(Token(now - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(31), TimeSpan.FromHours(1)))).ShouldBe(HttpStatusCode.Unauthorized);
        (await Call(Token(now - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(20), TimeSpan.FromHours(1)))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_valid_for_longer_than_the_maximum_lifetime_is_refused()
    {
        var now = DateTime.UtcNow;
        (await Call(Token(now, TimeSpan.FromHours(8)))).ShouldBe(HttpStatusCode.OK);
        (await Call(Token(now, TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1)))).ShouldBe(HttpStatusCode.Unauthorized);
        (await Call(Token(now, TimeSpan.FromDays(365 * 100)))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_with_two_tenants_is_refused_by_the_api_and_the_sign_in()
    {
        var twoTenants = Token(DateTime.UtcNow, TimeSpan.FromHours(1), new[] { "county-a", "county-b" });

        (await Call(twoTenants)).ShouldBe(HttpStatusCode.Unauthorized);
        var signIn = await Client(development).PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = twoTenants }));
        signIn.Headers.Location!.ToString().ShouldStartWith("/studio/login?error=invalid");
    }

    [Fact]
    public async Task After_logout_the_session_token_is_refused_as_a_bearer_token_and_as_a_cookie()
    {
        var signIn = await Client(development).PostAsync("/studio/login", SelfSignForm());
        var token = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0].Split('=', 2)[1];
        (await Call(token)).ShouldBe(HttpStatusCode.OK);

        var browser = Client(development);
        browser.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.Name}={token}");
        var logout = await browser.PostAsync("/studio/logout", null);
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await Call(token)).ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.GetAsync("/studio/")).StatusCode.ShouldBe(HttpStatusCode.Redirect); // back to sign-in
        var again = await Client(development).PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        again.Headers.Location!.ToString().ShouldStartWith("/studio/login?error=invalid");
    }
}
