using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Studio;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>C5: the Studio tells an administrator when a year the procedures count working days in is still provisional.</summary>
public sealed class CalendarNoticeTests
{
    static async Task<string> StudioPageAt(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddServiceDefaults("studio-calendar-test");
        builder.AddElsaStudio();
        await using var app = builder.Build();
        app.MapServiceDefaults();
        app.MapElsaStudio();
        await app.StartAsync();

        var client = app.GetTestServer().CreateClient();
        var token = DevelopmentTokens.Issue("admin", "county-a", [Roles.Administrator]); // signed now: only the county clock is moved
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.Name}={token}");
        var page = await client.GetStringAsync("/studio/");
        await app.StopAsync();
        return page;
    }

    [Fact]
    public async Task From_1_November_in_Beijing_the_pages_say_next_year_is_provisional()
    {
        // 16:01 UTC on 31 October is 1 November in Beijing; 2027 has no official notice in the product.
        var page = await StudioPageAt(new DateTimeOffset(2026, 10, 31, 16, 1, 0, TimeSpan.Zero));

        page.ShouldContain("class=\"calendar-notice\"");
        page.ShouldContain("data-provisional=\"2027\"");
    }

    [Fact]
    public async Task Before_November_with_this_year_official_the_pages_say_nothing()
    {
        var page = await StudioPageAt(new DateTimeOffset(2026, 10, 31, 15, 59, 0, TimeSpan.Zero));

        page.ShouldContain("<elsa-workflow-definition-list"); // the page itself, signed in
        page.ShouldNotContain("class=\"calendar-notice\"");
    }
}
