using System.Net;
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
/// Elsa's Execute Workflow and Dispatch Workflow in the real Studio, in Debian's headless Chromium: the step's property panel offers
/// the county's published workflows, and the parent and the child instance it started each open in the instance viewer, without an
/// error bar.
/// </summary>
public sealed class ChildWorkflowBrowserTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-child-browser";
    readonly PageServer server = new(servers);
    readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(shots);
        await server.StartAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    static async Task ErrorBarHidden(IPage page) =>
        (await page.Locator("#blazor-error-ui").IsVisibleAsync()).ShouldBeFalse("the Studio shows its 'unhandled error' bar");

    async Task Publish(HttpClient administrator, JsonObject model, string name)
    {
        model["name"] = name;
        var saved = await administrator.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = true });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Elsa.ExecuteWorkflow", "execute-workflow")]
    [InlineData("Elsa.DispatchWorkflow", "dispatch-workflow")]
    public async Task Execute_and_Dispatch_Workflow_offer_the_countys_workflows_and_the_parent_and_child_instances_open_in_the_viewer(string type, string shot)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (childId, parentId) = ($"review-{suffix}", $"appoint-{suffix}");
        var administrator = server.CreateClientFor(Tenant, Roles.Administrator);
        await Publish(administrator, Flowchart(childId, [Activity("start", "Elsa.Start"), Activity("approve", "Elsa.Event", ("eventName", "approve"))],
            [("start", "Done", "approve")]), "复核子流程 Review");
        await Publish(administrator, Flowchart(parentId,
            [Activity("start", "Elsa.Start"), Activity("review", type).With("workflowDefinitionId", Literal(childId))
                .With("waitForCompletion", Literal(true))],
            [("start", "Done", "review")]), "任用主流程 Appointment");

        var started = await server.CreateClientFor(Tenant, Roles.OrganizationDepartment)
            .PostAsJsonAsync($"/api/workflows/{parentId}/instances", new { input = new { } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var parent = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        // Execute Workflow starts the child in the parent's own step; Dispatch Workflow once the parent's step is saved.
        JsonArray children = [];
        await Eventually.True(async () =>
        {
            var listed = await administrator.PostAsJsonAsync("/elsa/api/workflow-instances", new { definitionId = childId });
            listed.StatusCode.ShouldBe(HttpStatusCode.OK, await listed.Content.ReadAsStringAsync());
            children = (await listed.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
            return children.Count > 0;
        }, "the child instance");
        var child = children.ShouldHaveSingleItem()!;
        child["parentWorkflowInstanceId"]!.GetValue<string>().ShouldBe(parent);

        // The designer: the Execute Workflow step's panel, its definition picker showing the child by name.
        var page = await server.SignedInAsync($"/studio/definitions/{parentId}", "child-admin", Tenant, Roles.Administrator, 1600, 1000);
        var review = page.Locator("g.x6-node[data-cell-id=review] foreignObject");
        await review.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.WaitForTimeoutAsync(1500);
        await review.ClickAsync();
        var picker = page.Locator(".mud-input-control:visible", new() { HasText = "Workflow Definition" }).First;
        await picker.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-input-control')].some(c => c.innerText.includes('复核子流程 Review'))",
            null, new() { Timeout = PageServer.Patience }).ContinueWith(_ => { }, TaskScheduler.Default);
        (await picker.InnerTextAsync()).ShouldContain("复核子流程 Review", Case.Sensitive, "the picker shows the child workflow by its name");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"{shot}-panel.png") });
        await ErrorBarHidden(page);

        // The viewer: the parent waiting at its Execute Workflow step, then the child waiting for its event.
        await page.GotoAsync($"{server.Root}/studio/instances/{parent}");
        await page.Locator("g.x6-node[data-cell-id=review]").WaitForAsync(new() { Timeout = PageServer.Patience });
        await ErrorBarHidden(page);
        await page.GotoAsync($"{server.Root}/studio/instances/{child["id"]!.GetValue<string>()}");
        await page.Locator("g.x6-node[data-cell-id=approve]").WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"{shot}-child-instance.png") });
        await ErrorBarHidden(page);
    }
}
