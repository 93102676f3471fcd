using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Studio.Tests;

/// <summary>The Studio's migration page as an administrator uses it, in Debian's headless Chromium on a real port.</summary>
public sealed class AlterationsPageBrowserTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-migration-page";
    readonly PageServer server = new(servers, ("Workflows:AlterationPollInterval", "00:00:00.100"));
    readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(shots);
        await server.StartAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    static System.Text.Json.Nodes.JsonObject Waiting(string waitId) => Flowchart("filing-review",
        [Activity("start", "Elsa.Start"), Activity(waitId, "Elsa.Event", ("eventName", "FilingReviewed")), Activity("end", "Elsa.End")],
        [("start", "Done", waitId), (waitId, "Done", "end")]);

    async Task Publish(System.Text.Json.Nodes.JsonObject definition)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DefinitionStore>().SaveAsync(definition, publish: true, Tenant, default);
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
    }

    Task<IPage> SignedIn(string subject, string role) => server.SignedInAsync("/studio/alterations", subject, Tenant, role);

    [Fact]
    public async Task An_administrator_sees_in_a_dry_run_why_instances_cannot_move_maps_the_renamed_step_and_moves_them()
    {
        await Publish(Waiting("awaitReview"));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            for (var i = 0; i < 3; i++) await runtime.StartAsync("filing-review", null, Tenant, "test", default);
            await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
        }
        await Publish(Waiting("awaitFilingReview"));
        var page = await SignedIn("admin-li", Roles.Administrator);

        await page.FillAsync("#definition", "filing-review");
        await page.ClickAsync("#dry-run");
        await page.Locator("#dry-run-result").WaitForAsync();
        (await page.Locator(".movable").TextContentAsync()).ShouldBe("0");
        (await page.Locator(".refused").TextContentAsync()).ShouldBe("3");
        (await page.Locator("#refused tbody tr").First.TextContentAsync())!.ShouldContain("awaitReview");
        (await page.Locator("#apply").IsDisabledAsync()).ShouldBeTrue();

        await page.FillAsync("#activity-map", "awaitReview = awaitFilingReview");
        await page.ClickAsync("#dry-run");
        await page.Locator(".movable", new() { HasTextString = "3" }).WaitForAsync();
        await page.ClickAsync("#apply");
        await page.Locator("#plans tbody tr .status", new() { HasTextString = "Completed" }).WaitForAsync(new() { Timeout = PageServer.Patience });
        (await page.Locator("#plans tbody tr .completed").First.TextContentAsync()).ShouldBe("3");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "migrate-instances.png"), FullPage = true });

        await using var check = server.Services.CreateAsyncScope();
        var instances = await check.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking().Where(i => i.TenantId == Tenant).ToListAsync();
        instances.ShouldAllBe(i => i.Version == 2);
        (await check.ServiceProvider.GetRequiredService<WorkflowDbContext>().Journal.AsNoTracking()
            .Where(j => j.EventName == "Migrated" && j.Actor == "admin-li").CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task A_clerk_is_told_why_the_page_does_not_let_them_migrate()
    {
        var page = await SignedIn("clerk-wu", Roles.OrganizationDepartment);
        (await page.Locator("#read-only").TextContentAsync())!.ShouldContain("administrator");
        (await page.Locator("#dry-run").CountAsync()).ShouldBe(0);
    }
}
