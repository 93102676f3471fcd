using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>
/// The workflow server with an OIDC authority, over HTTP on real ports: the Studio signs in by authorization code with PKCE
/// and its API calls carry the authority's access token.
/// </summary>
public sealed class IdentityProviderSignInTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    TestIdentityProvider authority = null!;
    ServiceHost<Program> server = null!;

    public async Task InitializeAsync()
    {
        authority = await TestIdentityProvider.StartAsync();
        server = new ServiceHost<Program>(servers, "Workflows")
        {
            OwnBroker = true,
            Configure = host =>
            {
                host.UseSetting("Auth:Authority", authority.Authority);
                host.UseSetting("Auth:RequireHttpsMetadata", "false"); // the test authority is plain HTTP on loopback
                host.UseSetting("Auth:Studio:ClientId", TestIdentityProvider.ClientId);
                host.UseSetting("Auth:Studio:ClientSecret", TestIdentityProvider.ClientSecret);
                host.UseSetting("Auth:Studio:Scopes", "openid profile orchestration");
            },
        };
        server.UseKestrel(0);
        server.StartServer();
        await server.StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await authority.DisposeAsync();
    }

    Uri Root => server.ClientOptions.BaseAddress;

    /// <summary>A browser: its own cookies, redirects followed one by one by <see cref="FollowAsync"/>.</summary>
    sealed class Browser(Uri root) : IDisposable
    {
        public CookieContainer Cookies { get; } = new();

        HttpClient? client;

        public HttpClient Client => client ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = root };

        public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url);

        /// <summary>Follows redirects from <paramref name="response"/> until an answer that is not one.</summary>
        public async Task<(HttpResponseMessage Last, List<Uri> Visited)> FollowAsync(HttpResponseMessage response)
        {
            var visited = new List<Uri>();
            var current = response.RequestMessage!.RequestUri!;
            for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops < 10; hops++)
            {
                current = new Uri(current, response.Headers.Location!);
                visited.Add(current);
                response = await Client.GetAsync(current);
            }
            return (response, visited);
        }

        public string? Session => Cookies.GetCookies(root).FirstOrDefault(c => c.Name == SessionCookie.Name)?.Value;

        public void Dispose() => client?.Dispose();
    }

    Browser NewBrowser() => new(Root);

    [Fact]
    public async Task An_unauthenticated_page_goes_to_the_authority_with_an_S256_challenge_and_comes_back_signed_in_with_its_access_token()
    {
        using var browser = NewBrowser();

        var page = await browser.GetAsync("/studio/");

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = page.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Path).ShouldBe(authority.Authority + "/authorize");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["response_type"].ToString().ShouldBe("code");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().Length.ShouldBe(43); // base64url of a SHA-256
        query["client_id"].ToString().ShouldBe(TestIdentityProvider.ClientId);
        query["redirect_uri"].ToString().ShouldBe(new Uri(Root, "/studio/signin-oidc").ToString());
        query["scope"].ToString().Split(' ').ShouldContain("orchestration");

        var (last, visited) = await browser.FollowAsync(page);

        visited.Select(u => u.AbsolutePath).ShouldBe(["/authorize", "/studio/signin-oidc", "/studio/"]);
        last.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        (await last.Content.ReadAsStringAsync()).ShouldContain("wang"); // the page names the signed-in user
        browser.Session.ShouldBe(authority.IssuedAccessTokens.Last());
        authority.Refusals.ShouldBeEmpty();

        // The Studio's calls to the Elsa API carry the session; the same token works as a bearer token.
        (await browser.GetAsync("/elsa/api/workflow-definitions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var bearer = new HttpClient { BaseAddress = Root };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", browser.Session);
        (await bearer.GetAsync("/elsa/api/workflow-definitions")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Logout ends it: the authority's token is refused afterwards, and the page offers to sign in again.
        var logout = await browser.Client.PostAsync("/studio/logout", null);
        logout.Headers.Location!.ToString().ShouldBe("/studio/login?signedOut=true");
        (await bearer.GetAsync("/elsa/api/workflow-definitions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.Client.GetStringAsync("/studio/login?signedOut=true")).ShouldContain("sign-in-provider");
    }

    [Fact]
    public async Task A_code_redeemed_with_another_sign_ins_verifier_is_refused_and_nobody_is_signed_in()
    {
        // The victim's sign-in gets a code; the attacker injects it into a sign-in of their own, whose verifier does not match.
        using var victim = NewBrowser();
        var toAuthority = (await victim.GetAsync("/studio/")).Headers.Location!;
        var withCode = (await victim.Client.GetAsync(toAuthority)).Headers.Location!;
        var stolenCode = QueryHelpers.ParseQuery(withCode.Query)["code"].ToString();

        using var attacker = NewBrowser();
        var attackerAuthorize = (await attacker.GetAsync("/studio/instances")).Headers.Location!;
        var attackerState = QueryHelpers.ParseQuery(attackerAuthorize.Query)["state"].ToString();
        var injected = await attacker.GetAsync($"/studio/signin-oidc?code={Uri.EscapeDataString(stolenCode)}&state={Uri.EscapeDataString(attackerState)}");

        authority.Refusals.ShouldContain("code_verifier does not match the code_challenge");
        injected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        injected.Headers.Location!.ToString().ShouldStartWith("/studio/login?error=provider");
        attacker.Session.ShouldBeNull();
        var (page, _) = await attacker.FollowAsync(injected);
        (await page.Content.ReadAsStringAsync()).ShouldContain("sign-in failed");
        (await attacker.GetAsync("/elsa/api/workflow-definitions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/signout-oidc?iss=http%3A%2F%2Fanother&sid=x")]
    [InlineData("/signout-callback-oidc?state=forged")]
    [InlineData("/studio/signout-oidc?iss=http%3A%2F%2Fanother&sid=x")]
    [InlineData("/studio/signout-callback-oidc?state=forged")]
    public async Task The_sign_in_handler_serves_no_sign_out_path(string path)
    {
        // The Studio never signs out at the authority: the handler's front-channel logout and signed-out callback are not
        // served, anonymous requests to them are refused like any unknown path, and nothing fails on the server.
        using var browser = NewBrowser();

        var response = await browser.GetAsync(path);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task With_an_authority_the_server_issues_no_token_of_its_own()
    {
        using var browser = NewBrowser();
        var signIn = await browser.Client.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["subject"] = "attacker", ["tenant"] = "county-b", ["role"] = Roles.Administrator, ["token"] = "",
        }));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        browser.Session.ShouldBeNull();
    }
}
