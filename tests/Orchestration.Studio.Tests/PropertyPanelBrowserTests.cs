using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Studio.Tests;

/// <summary>
/// A domain activity's property panel in the real Studio, in Debian's headless Chromium: the contracts' Chinese labels, descriptions
/// and editors, and the Studio running in Chinese unless the person switches it to English.
/// </summary>
public sealed class PropertyPanelBrowserTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-property-panel";
    readonly PageServer server = new(servers);
    readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(shots);
        await server.StartAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>A draft with the age-transfer computation (D5): a cadre, a birth date (DateOnly) and a sex (an enum).</summary>
    async Task<string> AgeTransferDraft()
    {
        var definitionId = $"age-transfer-{Guid.NewGuid():N}";
        var model = Flowchart(definitionId, [Activity("start", "Elsa.Start"), Activity("transferDate", "Orchestration.Disposition.ComputeAgeTransferDate")],
            [("start", "Done", "transferDate")]);
        var saved = await server.CreateClientFor(Tenant, Roles.Administrator).PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = false });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return definitionId;
    }

    async Task<IPage> PanelOfTransferDate(string path)
    {
        var page = await server.SignedInAsync(path, "panel-admin", Tenant, Roles.Administrator, 1600, 1000);
        var node = page.Locator("g.x6-node[data-cell-id=transferDate] foreignObject");
        await node.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.WaitForTimeoutAsync(1500);
        await node.ClickAsync();
        await page.Locator("label", new() { HasText = "出生日期 · Birth date" }).First.WaitForAsync(new() { Timeout = PageServer.Patience });
        return page;
    }

    static async Task ErrorBarHidden(IPage page) =>
        (await page.Locator("#blazor-error-ui").IsVisibleAsync()).ShouldBeFalse("the Studio shows its 'unhandled error' bar");

    [Fact]
    public async Task A_domain_activitys_panel_shows_the_Chinese_label_the_description_and_a_date_picker_for_a_date()
    {
        var definitionId = await AgeTransferDraft();

        var page = await PanelOfTransferDate($"/studio/definitions/{definitionId}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "property-panel-age-transfer.png") });

        var birthDate = page.Locator(".mud-picker", new() { Has = page.Locator("label", new() { HasText = "出生日期 · Birth date" }) }).First;
        (await birthDate.IsVisibleAsync()).ShouldBeTrue("the birth date has the date picker");
        (await page.GetByText("干部档案记载的出生日期（C3、D5）").First.IsVisibleAsync()).ShouldBeTrue();
        (await page.GetByText("留空：必填").First.IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("label", new() { HasText = "干部 · Cadre" }).First.IsVisibleAsync()).ShouldBeTrue();
        (await page.GetByText("留空：本程序的干部").First.IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("label", new() { HasText = "性别 · Sex" }).First.IsVisibleAsync()).ShouldBeTrue();
        (await page.GetByText("BirthDate", new() { Exact = true }).CountAsync()).ShouldBe(0, "the bare C# name is not shown");
        await ErrorBarHidden(page);
    }

    /// <summary>The month and weekday names of the panel's date picker, as the Studio's culture writes them.</summary>
    static async Task<string> CalendarOfBirthDate(IPage page)
    {
        var picker = page.Locator(".mud-picker", new() { Has = page.Locator("label", new() { HasText = "出生日期 · Birth date" }) }).First;
        await picker.Locator("button").First.ClickAsync();
        var calendar = page.Locator(".mud-popover-open .mud-picker-calendar-header").First;
        await calendar.WaitForAsync(new() { Timeout = 10_000 });
        var text = await page.Locator(".mud-popover-open").First.InnerTextAsync();
        await page.Keyboard.PressAsync("Escape");
        return text;
    }

    [Fact]
    public async Task The_Studio_runs_in_Chinese_and_a_person_who_switches_to_English_keeps_English()
    {
        var definitionId = await AgeTransferDraft();
        var path = $"/studio/definitions/{definitionId}";

        var page = await PanelOfTransferDate(path);
        (await page.EvaluateAsync<string>("() => localStorage.getItem('BlazorCulture')")).ShouldBe("zh-CN");
        var chinese = await CalendarOfBirthDate(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "property-panel-date-picker-zh-CN.png") });
        chinese.ShouldContain("周一");
        chinese.ShouldMatch(@"(?s).*\d{4}年\d{1,2}月.*");
        chinese.ShouldNotContain("Mon");
        await ErrorBarHidden(page);

        await page.Locator("header .culture a", new() { HasText = "English" }).ClickAsync();
        await page.WaitForURLAsync($"{server.Root}{path}?culture=en-US");
        await page.Locator("g.x6-node[data-cell-id=transferDate] foreignObject").WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.GotoAsync($"{server.Root}{path}"); // the choice stays with the person, not the link
        await page.Locator("g.x6-node[data-cell-id=transferDate] foreignObject").WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.WaitForTimeoutAsync(1500);
        await page.Locator("g.x6-node[data-cell-id=transferDate] foreignObject").ClickAsync();
        await page.Locator("label", new() { HasText = "出生日期 · Birth date" }).First.WaitForAsync(new() { Timeout = PageServer.Patience });
        var english = await CalendarOfBirthDate(page);
        english.ShouldContain("Mon");
        english.ShouldNotContain("周一");
        await ErrorBarHidden(page);
    }
}
