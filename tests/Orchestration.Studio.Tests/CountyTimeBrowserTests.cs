using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Studio.Tests;

/// <summary>
/// The Studio shows every instant in county time (China Standard Time, UTC+8) whatever zone the browser is set to: here a browser
/// in UTC, as a server-room PC or a CI runner is, where a step taken at 09:00 in Beijing would otherwise read 01:00.
/// </summary>
public sealed partial class CountyTimeBrowserTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-time";
    const string BrowserZone = "UTC";
    static readonly string Shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    readonly PageServer server = new(servers);

    public Task InitializeAsync() => server.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>A published procedure of one step, started once: its definition id, its instance id and when the instance was created.</summary>
    async Task<(string DefinitionId, string InstanceId, DateTimeOffset CreatedAt)> StartedProcedure()
    {
        var definitionId = $"county-time-{Guid.NewGuid():N}";
        (await server.CreateClientFor(Tenant, Roles.Administrator).PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = Flowchart(definitionId, [Activity("start", "Elsa.Start"), Activity("done", "Elsa.End")], [("start", "Done", "done")]),
            ["publish"] = true,
        })).EnsureSuccessStatusCode();
        var api = server.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        var started = await api.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var instance = await api.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-instances/{instanceId}");
        return (definitionId, instanceId, instance!["createdAt"]!.GetValue<DateTimeOffset>());
    }

    /// <summary>An instant's wall-clock time to the second (or minute) in the county (UTC+8), and in UTC.</summary>
    static (DateTime County, DateTime Utc) WallClock(DateTimeOffset instant, bool minutes = false)
    {
        DateTime Cut(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, minutes ? 0 : t.Second, DateTimeKind.Unspecified);
        return (Cut(TimeZoneInfo.ConvertTime(instant, CountyClock.FindZone(CountyClock.DefaultTimeZoneId)).DateTime), Cut(instant.UtcDateTime));
    }

    /// <summary>
    /// The date-times a screen shows as the Studio writes them in Chinese, e.g. <c>2026/12/6 下午1:23:43</c> or <c>2026/12/6 13:23</c>
    /// (its ICU's pattern, 12- or 24-hour), read back as wall-clock times.
    /// </summary>
    static List<DateTime> Shown(string text) =>
    [
        .. DateTimes().Matches(WhiteSpace().Replace(text, " ")).Select(m =>
        {
            int Number(string group) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            var marker = m.Groups["before"].Value + m.Groups["after"].Value;
            var hour = Number("h") % 12 + (marker is "下午" or "PM" ? 12 : 0);
            if (marker.Length == 0) hour = Number("h");
            return new DateTime(Number("y"), Number("M"), Number("d"), hour, Number("m"), Number("s"), DateTimeKind.Unspecified);
        }),
    ];

    [GeneratedRegex(@"(?<y>\d{4})/(?<M>\d{1,2})/(?<d>\d{1,2}) ?(?<before>上午|下午|AM|PM)? ?(?<h>\d{1,2}):(?<m>\d{2})(:(?<s>\d{2}))? ?(?<after>上午|下午|AM|PM)?")]
    private static partial Regex DateTimes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>
    /// Waits for <paramref name="where"/> to show times, then checks, on a page in a browser set to UTC, that it shows
    /// <paramref name="instant"/> at the county's wall-clock time (to the second, or the minute) and nowhere at UTC's.
    /// </summary>
    async Task ShowsInCountyTime(IPage page, ILocator where, DateTimeOffset instant, string shot, bool minutes = false)
    {
        var (county, utc) = WallClock(instant, minutes);
        var shown = await Eventually.Get(async () => Shown(await where.InnerTextAsync()) is { Count: > 0 } times ? times : null, $"times on {shot}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{shot}.png") });

        (await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone")).ShouldBe(BrowserZone);
        shown.ShouldContain(county, $"{instant:O} is {county:s} in Beijing; {shot} shows {string.Join(", ", shown.Select(t => t.ToString("s")))}");
        shown.ShouldNotContain(utc);
        (await page.Locator("#blazor-error-ui").IsVisibleAsync()).ShouldBeFalse("the Studio shows its 'unhandled error' bar");
    }

    [Fact]
    public async Task The_instance_list_shows_when_an_instance_was_created_in_county_time_in_a_browser_set_to_UTC()
    {
        var (_, instanceId, createdAt) = await StartedProcedure();

        var page = await server.SignedInAsync("/studio/instances", "time-clerk", Tenant, Roles.OrganizationDepartment, 1600, 1000, BrowserZone);
        var row = page.Locator("tr.mud-table-row", new() { HasText = instanceId }).First;
        await row.WaitForAsync(new() { Timeout = PageServer.Patience });

        // Created, updated and finished.
        await ShowsInCountyTime(page, row, createdAt, "instances-list-county-time");
    }

    [Fact]
    public async Task The_instance_viewer_shows_when_the_instance_was_created_in_county_time_in_a_browser_set_to_UTC()
    {
        var (_, instanceId, createdAt) = await StartedProcedure();

        var page = await server.SignedInAsync($"/studio/instances/{instanceId}", "time-clerk", Tenant, Roles.OrganizationDepartment, 1600, 1000, BrowserZone);
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });

        // Created, updated and finished in the details panel, and the journal's steps.
        await ShowsInCountyTime(page, page.Locator("elsa-workflow-instance-viewer"), createdAt, "instance-viewer-county-time");
    }

    [Fact]
    public async Task The_designers_version_history_shows_when_a_version_was_saved_in_county_time_in_a_browser_set_to_UTC()
    {
        var (definitionId, _, _) = await StartedProcedure();
        var versions = await server.CreateClientFor(Tenant, Roles.Administrator)
            .GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions?definitionIds={definitionId}&versionOptions=All");
        var createdAt = versions!["items"]![0]!["createdAt"]!.GetValue<DateTimeOffset>();

        var page = await server.SignedInAsync($"/studio/definitions/{definitionId}", "time-admin", Tenant, Roles.Administrator, 1600, 1000, BrowserZone);
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.Locator(".mud-tab", new() { HasTextRegex = new Regex("Version history|版本历史", RegexOptions.IgnoreCase) }).First.ClickAsync();

        // The history writes the minute only.
        await ShowsInCountyTime(page, page.Locator("elsa-workflow-definition-editor"), createdAt, "version-history-county-time", minutes: true);
    }
}
