using MassTransit;
using Microsoft.Playwright;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>The cadre's full-process record page (C1) as the department prints it, in Debian's headless Chromium on a real port.</summary>
public sealed class RecordPageBrowserTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-record-page";
    readonly PageServer server = new(servers);
    readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(shots);
        await server.StartAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task C1_the_printed_record_shows_the_cadre_and_each_step_with_its_actor_and_rule_in_Chinese_on_A4()
    {
        var cadre = Guid.NewGuid();
        var bus = server.Service<IBus>();
        await bus.Publish(new CadreFileOpened(Guid.Empty, Tenant, cadre, "王丽华", new DateOnly(1983, 6, 1), Sex.Female, null, new DateOnly(2005, 7, 1)));
        // Each rule is printed with its Chinese name.
        (string Step, string Actor, string Rule, string RuleShown)[] steps =
        [
            ("Nominate 初始提名", "leader-zhao", "N3", "N3 提名主体"), ("Deliberate with the four heads 酝酿", "clerk-sun", "V5", "V5 酝酿"),
            ("Hold decision meeting 常委会讨论决定", "secretary-qian", "V6", "V6 常委会讨论决定"),
            ("Open pre-appointment publicity 任前公示", "clerk-sun", "V8", "V8 任前公示"),
        ];
        var at = DateTimeOffset.UtcNow;
        foreach (var (step, i) in steps.Select((s, i) => (s, i)))
            await bus.Publish(new CadreRecordEntry(Guid.Empty, Tenant, cadre, "vetting", step.Step, "Step", step.Actor, Outcomes.Passed, step.Rule,
                $"vetting/Step/{i}", at.AddMinutes(i)));
        // The department's clerk signs in as on the Studio's pages, then opens the record.
        var page = await server.SignedInAsync("/studio/", "clerk-sun", Tenant, Roles.OrganizationDepartment, width: 900, height: 1200);
        var root = server.Root;
        var url = $"{root}/api/workflows/cadres/{cadre}/record.html";

        var rows = await Eventually.Get(async () =>
        {
            await page.GotoAsync(url);
            var count = await page.Locator("table").Nth(1).Locator("tbody tr").CountAsync();
            return count == steps.Length && await page.Locator("p.meta").TextContentAsync() is { } meta && meta.Contains("王丽华") ? (int?)count : null;
        }, "the record page with the cadre's name and every step");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "cadre-record.png"), FullPage = true });

        rows.ShouldBe(steps.Length);
        (await page.Locator("h1").TextContentAsync() ?? "").ShouldContain("干部选拔任用全程记实表");
        for (var i = 0; i < steps.Length; i++)
        {
            var cells = await page.Locator("table").Nth(1).Locator("tbody tr").Nth(i).Locator("td").AllTextContentsAsync();
            cells[1].ShouldBe(steps[i].Step);
            cells[2].ShouldBe(steps[i].Actor);
            cells[4].ShouldBe(steps[i].RuleShown);
        }
        // Printed, the page is A4 (595 × 842 pt), in the order and words of the screen.
        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true });
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var first = document.GetPage(1);
        Math.Round(first.Width).ShouldBe(595);
        Math.Round(first.Height).ShouldBe(842);
    }
}
