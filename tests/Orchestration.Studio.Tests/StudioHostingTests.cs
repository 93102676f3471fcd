using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Studio;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>The Studio bundle and our host pages as a browser gets them.</summary>
public sealed class StudioHostingTests : IAsyncLifetime
{
    WebApplication app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration["County:TenantTimeZones:county-west"] = "Asia/Urumqi";
        builder.AddServiceDefaults("studio-test");
        builder.AddElsaStudio();
        app = builder.Build();
        app.MapServiceDefaults();
        app.MapElsaStudio();
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    HttpClient Browser(string? token = null)
    {
        var client = app.GetTestServer().CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.Name}={token}");
        return client;
    }

    [Fact]
    public void The_bundle_is_installed_from_npm_at_build_time()
    {
        var bundle = app.Services.GetRequiredService<StudioBundle>();
        bundle.Installed.ShouldBeTrue($"no bundle at {bundle.Directory}");
    }

    [Theory]
    [InlineData(null, "zh-CN")]
    [InlineData("en-US", "en-US")]
    [InlineData("zh-CN'</script>", "zh-CN")]
    public void The_Studio_starts_in_the_configured_culture_Chinese_unless_set(string? setting, string culture)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Studio:Culture"] = setting }).Build();

        new StudioBundle(configuration).Culture.ShouldBe(culture);
    }

    [Fact]
    public async Task The_editor_page_sets_the_culture_before_the_Studio_starts_and_offers_the_switch()
    {
        var html = await Browser(TestTokens.For("admin-wang", "county-a", Roles.Administrator)).GetStringAsync("/studio/definitions/cadre-appointment");

        html.ShouldContain("localStorage.getItem('studioCulture') || 'zh-CN'");
        html.IndexOf("BlazorCulture", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("blazor.webassembly.js", StringComparison.Ordinal));
        html.ShouldContain("""<a href="/studio/definitions/cadre-appointment?culture=en-US" lang="en">English</a>""");
    }

    [Theory]
    [InlineData("county-a", "Asia/Shanghai")]
    [InlineData("county-west", "Asia/Urumqi")]
    public async Task The_Studio_starts_in_the_zone_of_the_persons_county_China_Standard_Time_unless_the_tenant_has_its_own(string tenant, string zone)
    {
        var html = await Browser(TestTokens.For("clerk-li", tenant, Roles.OrganizationDepartment)).GetStringAsync("/studio/instances");

        html.ShouldContain("""<script src="_framework/blazor.webassembly.js" autostart="false"></script>""");
        html.ShouldContain($"""runtime.withEnvironmentVariable('TZ', "{zone}")""");
    }

    [Fact]
    public async Task Every_Studio_page_keeps_the_bundles_informational_log_lines_out_of_the_browser_console()
    {
        var html = await Browser(TestTokens.For("clerk-li", "county-a", Roles.OrganizationDepartment)).GetStringAsync("/studio/instances");

        html.ShouldContain("""const quiet = ["trce: ","dbug: ","info: "];""");
        html.IndexOf("const quiet", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("blazor.webassembly.js", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "Warning", new[] { "trce: ", "dbug: ", "info: " })]
    [InlineData("Information", "Information", new[] { "trce: ", "dbug: " })]
    [InlineData("debug", "Debug", new[] { "trce: " })]
    [InlineData("Trace", "Trace", new string[0])]
    [InlineData("Error", "Error", new[] { "trce: ", "dbug: ", "info: ", "warn: " })]
    [InlineData("42", "Warning", new[] { "trce: ", "dbug: ", "info: " })]
    [InlineData("loud", "Warning", new[] { "trce: ", "dbug: ", "info: " })]
    public void An_operator_sets_how_much_of_the_Studios_own_logging_the_browser_console_shows(string? setting, string level, string[] quiet)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Studio:BrowserLogLevel"] = setting }).Build();

        var bundle = new StudioBundle(configuration);

        bundle.BrowserLogLevel.ToString().ShouldBe(level);
        bundle.QuietPrefixes.ShouldBe(quiet);
    }

    [Fact]
    public async Task The_runtime_is_sent_brotli_compressed_with_its_own_content_type()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/studio/_framework/blazor.webassembly.js");
        request.Headers.Add("Accept-Encoding", "gzip, deflate, br");
        var response = await Browser(TestTokens.For("county-a", Roles.Administrator)).SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        response.Headers.Vary.ShouldContain("Accept-Encoding");
    }

    [Fact]
    public async Task ICU_data_files_are_served_although_dat_is_not_a_default_mime_type()
    {
        var bundle = app.Services.GetRequiredService<StudioBundle>();
        var icu = Directory.GetFiles(Path.Combine(bundle.Directory, "_framework"), "icudt*.dat").First();

        var response = await Browser(TestTokens.For("county-a", Roles.Administrator)).GetAsync($"/studio/_framework/{Path.GetFileName(icu)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        response.Content.Headers.ContentEncoding.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_page_without_a_session_sends_the_browser_to_sign_in()
    {
        var response = await Browser().GetAsync("/studio/definitions/cadre-appointment");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/studio/login?returnUrl=%2Fstudio%2Fdefinitions%2Fcadre-appointment");
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_session_that_opens_the_editor_page()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["subject"] = "wang", ["tenant"] = "county-a", ["role"] = Roles.Administrator, ["returnUrl"] = "/studio/definitions/cadre-appointment",
        });
        var signIn = await Browser().PostAsync("/studio/login", form);

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldBe("/studio/definitions/cadre-appointment");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        var token = cookie.Split(';')[0].Split('=', 2)[1];

        var page = await Browser(token).GetStringAsync("/studio/definitions/cadre-appointment");
        page.ShouldContain("""<elsa-workflow-definition-editor definition-id="cadre-appointment">""");
        page.ShouldContain("location.origin + '/elsa/api'");
        page.ShouldContain("""<base href="/studio/" />""");
        page.ShouldContain("county-a");
        page.IndexOf("elsa-backend-provider", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf("<elsa-workflow-definition-editor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_designer_tells_a_role_that_cannot_publish_why_it_is_read_only_and_says_nothing_to_an_administrator()
    {
        var clerk = await Browser(TestTokens.For("clerk-li", "county-a", Roles.OrganizationDepartment)).GetStringAsync("/studio/definitions/cadre-appointment");
        clerk.ShouldContain("""id="read-only-designer">""");
        clerk.ShouldContain("only an administrator (管理员) designs procedures");
        clerk.ShouldContain($"as {Roles.OrganizationDepartment} you may look");

        var administrator = await Browser(TestTokens.For("admin-wang", "county-a", Roles.Administrator)).GetStringAsync("/studio/definitions/cadre-appointment");
        administrator.ShouldNotContain("id=\"read-only-designer\"");
        // Elsewhere the notice is in the page, hidden, for the shell to show when the person opens the designer from there.
        (await Browser(TestTokens.For("clerk-li", "county-a", Roles.OrganizationDepartment)).GetStringAsync("/studio/instances"))
            .ShouldContain("""id="read-only-designer" hidden>""");
    }

    [Fact]
    public async Task A_forged_token_is_not_accepted_as_a_session()
    {
        var forged = DevelopmentTokens.Issue("mallory", "county-a", [Roles.Administrator], signingKey: "another-key-another-key-another-key-0123456789");

        var response = await Browser(forged).GetAsync("/studio/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var signIn = await Browser().PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = forged }));
        signIn.Headers.Location!.ToString().ShouldStartWith("/studio/login?error=invalid");
        signIn.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_site()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tenant"] = "county-a", ["role"] = Roles.Operator, ["returnUrl"] = "//evil.example/",
        });
        var signIn = await Browser().PostAsync("/studio/login", form);

        signIn.Headers.Location!.ToString().ShouldBe("/studio/");
    }
}
