using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Studio;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>
/// Behind the ingress, which ends TLS: a sign-in that reached the proxy over https (<c>X-Forwarded-Proto: https</c> from the
/// configured proxy network) gets a <c>Secure</c> session cookie; the same header from any other address is not believed.
/// </summary>
public sealed class ProxyHeadersTests : IAsyncLifetime
{
    const string Key = "proxy-test-signing-key-0123456789abcdef0123456789abcdef";
    const string ProxyNetwork = "10.244.0.0/16";
    WebApplication app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:SigningKey"] = Key;
        builder.Configuration["ForwardedHeaders:Enabled"] = "true";
        builder.Configuration["ForwardedHeaders:KnownNetworks:0"] = ProxyNetwork;
        builder.AddServiceDefaults("proxy-headers-test");
        builder.AddElsaStudio();
        app = builder.Build();
        app.MapServiceDefaults();
        app.MapElsaStudio();
        app.MapGet("/api/probe/scheme", (HttpContext http) => Results.Text($"{http.Request.Scheme} {http.Connection.RemoteIpAddress}"))
            .AllowOutsideTable([.. Roles.All]);
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>A sign-in with a valid token, arriving from <paramref name="from"/> with the given forwarded headers.</summary>
    async Task<HttpContext> SignInFrom(string from, string? forwardedProto, string? forwardedFor = null) =>
        await app.GetTestServer().SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(from);
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = "/studio/login";
            http.Request.ContentType = "application/x-www-form-urlencoded";
            var token = DevelopmentTokens.Issue("wang", "county-a", [Roles.Operator], Key);
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes($"token={Uri.EscapeDataString(token)}&returnUrl=%2Fstudio%2F"));
            if (forwardedProto is not null) http.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            if (forwardedFor is not null) http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });

    static string SessionCookieOf(HttpContext response)
    {
        response.Response.StatusCode.ShouldBe(StatusCodes.Status302Found);
        return response.Response.Headers.SetCookie.ToArray().Single(c => c!.StartsWith($"{SessionCookie.Name}=", StringComparison.Ordinal))!;
    }

    [Theory]
    [InlineData("10.244.3.7")]
    [InlineData("::ffff:10.244.3.7")] // Kestrel on a dual-stack socket sees the proxy's IPv4 address mapped to IPv6
    public async Task A_sign_in_forwarded_as_https_by_the_known_proxy_gets_a_secure_session_cookie(string proxy)
    {
        var cookie = SessionCookieOf(await SignInFrom(proxy, "https", "203.0.113.20"));

        cookie.Split(';').Select(a => a.Trim()).ShouldContain("secure", $"behind TLS the cookie holding the token must be Secure: {cookie}");
        cookie.ShouldContain("httponly");
    }

    [Fact]
    public async Task The_forwarded_scheme_and_client_address_from_an_unknown_address_are_not_believed()
    {
        var cookie = SessionCookieOf(await SignInFrom("203.0.113.9", "https"));

        cookie.Split(';').Select(a => a.Trim()).ShouldNotContain("secure", cookie);
    }

    [Fact]
    public async Task Behind_the_known_proxy_the_request_is_https_from_the_caller()
    {
        var token = DevelopmentTokens.Issue("wang", "county-a", [Roles.Operator], Key);
        var response = await app.GetTestServer().SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse("10.244.3.7");
            http.Request.Path = "/api/probe/scheme";
            http.Request.Headers.Authorization = $"Bearer {token}";
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Request.Headers["X-Forwarded-For"] = "203.0.113.20";
        });

        response.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        new StreamReader(response.Response.Body).ReadToEnd().ShouldBe("https 203.0.113.20");
    }

    [Theory]
    [InlineData(null, "no proxy would be believed")]
    [InlineData("ingress-nginx", "is not an IP network")]
    public void Forwarded_headers_switched_on_without_a_readable_proxy_network_stop_the_start(string? network, string reason)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Auth:SigningKey"] = Key;
        builder.Configuration["ForwardedHeaders:Enabled"] = "true";
        if (network is not null) builder.Configuration["ForwardedHeaders:KnownNetworks:0"] = network;

        Should.Throw<InvalidOperationException>(() => builder.AddServiceDefaults("proxy-headers-test")).Message.ShouldContain(reason);
    }
}
