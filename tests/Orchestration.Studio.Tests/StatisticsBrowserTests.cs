using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Studio.Tests;

/// <summary>
/// The workflow server's statistics page in Debian's headless Chromium, on a real port: signed in on the Studio's sign-in page like
/// the Studio, it draws the county's procedures in progress as SVG bars, one per waiting step, labelled in the page's language.
/// </summary>
public sealed class StatisticsBrowserTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-charts";
    readonly PageServer server;

    public StatisticsBrowserTests(ServersFixture servers) => server = new PageServer(servers, ("Records:Department", "某县委组织部"));

    public Task InitializeAsync() => server.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    string Root => server.Root;

    async Task Procedures(string definitionId, string waitName, int count)
    {
        var wait = Activity("wait", "Elsa.Event", ("eventName", $"{definitionId}-go"));
        wait["name"] = waitName;
        var saved = await server.CreateClientFor(Tenant, Roles.Administrator).PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = Flowchart(definitionId, [Activity("start", "Elsa.Start"), wait, Activity("end", "Elsa.End")], [("start", "Done", "wait"), ("wait", "Done", "end")]),
            ["publish"] = true,
        });
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());
        var department = server.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        for (var i = 0; i < count; i++)
        {
            var started = await department.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { } });
            started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_signed_in_operator_sees_the_procedures_in_progress_drawn_as_one_bar_per_waiting_step_with_its_chinese_label()
    {
        await Procedures("talk-follow-up", "月度谈心谈话", 3);
        await Procedures("probation-review", "试用期满考核", 1);

        var page = await server.SignedInAsync("/api/workflows/statistics.html", "operator-user", Tenant, Roles.Operator, width: 1280, height: 1000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "statistics-page.png"), FullPage = true });

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("某县委组织部 干部工作程序统计");
        var chart = page.Locator("section").First.Locator("svg.chart-bar");
        (await chart.IsVisibleAsync()).ShouldBeTrue();
        var bars = chart.Locator("rect.bar");
        (await bars.CountAsync()).ShouldBe(2);
        var drawn = await bars.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.category + '=' + r.dataset.value + ':' + (r.getBBox().height > 0))");
        drawn.ShouldBe(["月度谈心谈话=3:true", "试用期满考核=1:true"], ignoreOrder: true);
        var heights = await bars.EvaluateAllAsync<double[]>("rs => rs.map(r => r.getBoundingClientRect().height)");
        heights.Max().ShouldBe(heights.Min() * 3, 1.0, "a bar's height is proportional to its count");
        (await chart.Locator("text.category").AllTextContentsAsync()).ShouldBe(["月度谈心谈话", "试用期满考核"], ignoreOrder: true);
        (await page.Locator("section").First.Locator("tr.total td").AllInnerTextsAsync())[2].ShouldBe("4");
        (await page.Locator("a.xlsx").First.GetAttributeAsync("href")).ShouldBe("/api/workflows/statistics/procedures?format=xlsx");
    }
}
