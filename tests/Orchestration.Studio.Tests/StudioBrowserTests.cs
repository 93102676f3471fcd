using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Orchestration.Studio.Tests;

/// <summary>The real Elsa Studio in Debian's headless Chromium against the workflow server, on a real port.</summary>
public sealed class StudioBrowserTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-browser";
    readonly StudioServer server;
    IPlaywright playwright = null!;
    IBrowser browser = null!;
    readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    // The shipped procedures start from services' facts: on the shared broker they would answer other test projects' services.
    public StudioBrowserTests(ServersFixture servers, ITestOutputHelper output)
    {
        server = new StudioServer(servers) { OwnBroker = true };
        this.output = output;
    }

    readonly ITestOutputHelper output;

    sealed class StudioServer(ServersFixture servers) : ServiceHost<Program>(servers, "Workflows")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Workflows:DefinitionsDirectory", RepositoryFolder("workflows"));
        }
    }

    public async Task InitializeAsync()
    {
        server.UseKestrel(0);
        server.StartServer();
        await server.StartedAsync();
        Directory.CreateDirectory(shots);
        playwright = await Playwright.CreateAsync();
        browser = await DebianChromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await server.DisposeAsync();
    }

    string Root => server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    Task<IPage> SignedIn(string role, string path) => PageServer.SignInAsync(browser, Root, path, $"{role}-user", Tenant, role, 1600, 1000);

    static async Task ErrorBarHidden(IPage page) =>
        (await page.Locator("#blazor-error-ui").IsVisibleAsync()).ShouldBeFalse("the Studio shows its 'unhandled error' bar");

    [Fact]
    public async Task An_administrator_opens_the_appointment_procedure_in_the_designer()
    {
        var page = await SignedIn(Roles.Administrator, "/studio/definitions/cadre-appointment");

        var nodes = page.Locator("g.x6-node[data-cell-id]");
        await nodes.First.WaitForAsync(new() { Timeout = PageServer.Patience });
        // The designer draws its nodes over a moment: a loaded machine needs longer than a fixed pause.
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {AppointmentActivities.Length}",
            null, new() { Timeout = PageServer.Patience }).ContinueWith(_ => { }, TaskScheduler.Default);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "editor-administrator.png") });

        (await nodes.CountAsync()).ShouldBe(AppointmentActivities.Length);
        (await page.Locator("g.x6-node[data-cell-id=decisionStage]").CountAsync()).ShouldBe(1);

        // A stage opens on its own canvas, with the breadcrumb leading back to the whole procedure.
        await OpenStage(page, "decisionStage", "awaitMeeting");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {StageActivities("decisionStage").Length}",
            null, new() { Timeout = PageServer.Patience }).ContinueWith(_ => { }, TaskScheduler.Default);
        await Shot(page, "editor-administrator-stage");
        (await nodes.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-cell-id'))")).ShouldBe(StageActivities("decisionStage"), ignoreOrder: true);
        await BackToRoot(page, "decisionStage");
        (await page.GetByText("read-only mode").CountAsync()).ShouldBe(0);
        await ErrorBarHidden(page);
    }

    public static TheoryData<string> ShippedDefinitions =>
        [.. Directory.GetFiles(RepositoryFolder("workflows"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order()];

    /// <summary>Every procedure kept with the product opens in the designer whole: each activity drawn, none on top of another.</summary>
    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public async Task Each_shipped_procedure_opens_in_the_designer_with_every_activity_and_no_overlap(string definitionId)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolder("workflows"), $"{definitionId}.json")))!["root"]!.AsObject();
        var activities = root["activities"]!.AsArray();
        // A county office's full-HD screen.
        var page = await PageServer.SignInAsync(browser, Root, $"/studio/definitions/{definitionId}", "administrator-user", Tenant, Roles.Administrator, 1920, 1080);

        var nodes = page.Locator("g.x6-node[data-cell-id]");
        await nodes.First.WaitForAsync(new() { Timeout = PageServer.Patience });
        // The designer draws its nodes over a moment: a loaded machine needs longer than a fixed pause.
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {activities.Count}",
            null, new() { Timeout = PageServer.Patience }).ContinueWith(_ => { }, TaskScheduler.Default);
        await page.WaitForTimeoutAsync(500);
        await Shot(page, $"procedure-{definitionId}");
        (await nodes.CountAsync()).ShouldBe(activities.Count);
        await ErrorBarHidden(page);

        // The body of each node (its foreignObject), without the port labels drawn beside it.
        var boxes = await nodes.EvaluateAllAsync<double[][]>(
            "els => els.map(n => { const r = n.querySelector('foreignObject').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })");
        boxes.Length.ShouldBe(activities.Count);
        for (var i = 0; i < boxes.Length; i++)
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = Math.Min(a[2], b[2]) - Math.Max(a[0], b[0]) > 1 && Math.Min(a[3], b[3]) - Math.Max(a[1], b[1]) > 1;
                overlap.ShouldBeFalse($"{definitionId}: two activities overlap at ({a[0]:F0},{a[1]:F0}) and ({b[0]:F0},{b[1]:F0})");
            }

        // The whole procedure, and each stage as it opens, can be read without panning.
        var cut = (await Unreadable(page, root, definitionId)).ToList();

        // Each stage (a nested flowchart) opens on double-click with every one of its activities drawn.
        foreach (var stage in activities.OfType<JsonObject>().Where(a => a["type"]!.GetValue<string>() == "Elsa.Flowchart"))
        {
            var children = stage["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToArray();
            await OpenStage(page, stage["id"]!.GetValue<string>(), children[0]);
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {children.Length}",
                null, new() { Timeout = PageServer.Patience }).ContinueWith(_ => { }, TaskScheduler.Default);
            await Shot(page, $"procedure-{definitionId}-{stage["id"]}");
            (await nodes.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-cell-id'))")).ShouldBe(children, ignoreOrder: true);
            cut.AddRange(await Unreadable(page, stage, $"{definitionId} {stage["id"]}"));
            await BackToRoot(page, stage["id"]!.GetValue<string>());
        }
        cut.ShouldBeEmpty();
        await ErrorBarHidden(page);
    }

    /// <summary>
    /// On a busy machine the designer can measure an activity seconds after it opened the flowchart. Until the person does anything, the
    /// canvas fits the flowchart again, so the activity grown at the right edge stays whole; once their pointer moves onto the canvas, it
    /// stays as it is.
    /// </summary>
    [Fact]
    public async Task An_activity_the_designer_measures_late_still_opens_whole()
    {
        const string definitionId = "village-pay-year";
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolder("workflows"), $"{definitionId}.json")))!["root"]!.AsObject();
        var page = await PageServer.SignInAsync(browser, Root, $"/studio/definitions/{definitionId}", "administrator-user", Tenant, Roles.Administrator, 1920, 1080);
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {root["activities"]!.AsArray().Count}",
            null, new() { Timeout = PageServer.Patience });
        await page.WaitForTimeoutAsync(5000);
        (await Unreadable(page, root, definitionId)).ShouldBeEmpty();

        // The rightmost activity grows past the canvas's right edge, as the designer would size it after measuring it late.
        var grown = await Widen(page, "evaluationRecorded");
        await page.WaitForTimeoutAsync(500);
        await Shot(page, "procedure-measured-late");
        (await Unreadable(page, root, definitionId)).ShouldBeEmpty();

        // Once the person's pointer moves onto the canvas, a late resize no longer moves it: the activity back at its width would
        // otherwise be fitted at a larger scale.
        await DesignerCanvas.OnAsync(page);
        var kept = await ScaleOf(page, "yearStarts");
        await Widen(page, "evaluationRecorded", -grown);
        await page.WaitForTimeoutAsync(500);
        (await ScaleOf(page, "yearStarts")).ShouldBe(kept, 0.001);
        await ErrorBarHidden(page);
    }

    /// <summary>
    /// Widens an activity through the designer's own graph by <paramref name="by"/> px, or else until its right side is 80 px past the
    /// canvas's visible right edge; returns by how much.
    /// </summary>
    static async Task<double> Widen(IPage page, string id, double? by = null)
    {
        var widened = await page.EvaluateAsync<double?>(@"async ([id, by]) => {
            const { graphBindings } = await import(new URL('_content/Elsa.Studio.Workflows.Designer/designer.entry.js', document.baseURI).href);
            const graph = Object.values(graphBindings).map(b => b.graph).find(g => g && g.getCellById(id));
            if (!graph) return null;
            const right = (" + VisibleCanvas + @")(graph.container)[2];
            const node = graph.getCellById(id);
            const body = document.querySelector(`g.x6-node[data-cell-id=${id}] foreignObject`).getBoundingClientRect();
            const { width, height } = node.getSize();
            const delta = by ?? (right - body.right) / graph.zoom() + 80;
            node.resize(width + delta, height);
            return delta;
        }", new object?[] { id, by });
        widened.ShouldNotBeNull($"the designer's graph holds {id}");
        return widened.Value;
    }

    /// <summary>Only opening is fitted: a person who zooms a stage with the wheel once it is open keeps the scale they chose.</summary>
    [Fact]
    public async Task A_stage_zoomed_with_the_wheel_once_open_keeps_the_persons_scale()
    {
        var page = await PageServer.SignInAsync(browser, Root, "/studio/definitions/cadre-appointment", "administrator-user", Tenant, Roles.Administrator, 1920, 1080);
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await OpenStage(page, "decisionStage", "awaitMeeting");
        var (fitted, chosen) = await ZoomInWithTheWheel(page, "awaitMeeting");
        chosen.ShouldBeGreaterThan(fitted * 1.1, "the wheel zooms in");

        await page.WaitForTimeoutAsync(3000); // the designer's late resizes would fit an untouched canvas again within this
        (await ScaleOf(page, "awaitMeeting")).ShouldBe(chosen, 0.01);
        await ErrorBarHidden(page);
    }

    /// <summary>
    /// The instance viewer follows a running procedure as it advances. A person who zoomed into it keeps their scale and the place
    /// they looked at while it goes on; only a flowchart not drawn before on the canvas is fitted.
    /// </summary>
    [Fact]
    public async Task A_procedure_zoomed_in_the_instance_viewer_keeps_the_persons_view_as_it_advances()
    {
        var definitionId = $"viewer-follows-{Guid.NewGuid():N}"[..24];
        var administrator = server.CreateClientFor(Tenant, Roles.Administrator);
        var steps = new[] { "first", "second", "third" };
        (await administrator.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = Definition.Flowchart(definitionId, [Definition.Activity("start", "Elsa.Start"),
                .. steps.Select(step => Definition.Activity(step, "Elsa.Event", ("eventName", step)))],
                [("start", "Done", "first"), ("first", "Done", "second"), ("second", "Done", "third")]),
            ["publish"] = true,
        })).EnsureSuccessStatusCode();
        var department = server.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        var started = await department.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var page = await SignedIn(Roles.OrganizationDepartment, $"/studio/instances/{instanceId}");
        await page.Locator("g.x6-node[data-cell-id=third]").WaitForAsync(new() { Timeout = PageServer.Patience });
        // The viewer draws the flowchart once more when the instance's first state arrives; the person zooms after that.
        await AskedAgainAfter(page, "/execution-state", () => Task.CompletedTask);
        await Drawn(page, "second");
        var (fitted, chosen) = await ZoomInWithTheWheel(page, "second");
        Math.Abs(chosen - fitted).ShouldBeGreaterThan(0.05, "the wheel zooms");
        var place = await PlaceOf(page, "second");

        // The procedure takes each step while the viewer shows it, which asks for the instance's state anew after each.
        foreach (var step in steps)
            await AskedAgainAfter(page, "/execution-state", async () =>
                (await department.PostAsJsonAsync("/api/workflows/events", new { eventName = step, correlationKey = instanceId })).EnsureSuccessStatusCode());
        (await department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instanceId}"))!["instance"]!["status"]!.GetValue<string>()
            .ShouldBe("Finished");
        (await ScaleOf(page, "second")).ShouldBe(chosen, 0.01);
        var kept = await PlaceOf(page, "second");
        kept[0].ShouldBe(place[0], 2, "the activity stays where the person looked at it");
        kept[1].ShouldBe(place[1], 2, "the activity stays where the person looked at it");
        await ErrorBarHidden(page);
    }

    /// <summary>Does <paramref name="act"/>, then waits until the page has asked for <paramref name="path"/> again and had its answer.</summary>
    static async Task AskedAgainAfter(IPage page, string path, Func<Task> act)
    {
        var asked = new TaskCompletionSource<IRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var after = false;
        void Asked(object? sender, IRequest request)
        {
            if (Volatile.Read(ref after) && request.Url.Contains(path, StringComparison.Ordinal)) asked.TrySetResult(request);
        }
        page.Request += Asked;
        try
        {
            await act();
            Volatile.Write(ref after, true);
            var request = await asked.Task.WaitAsync(TimeSpan.FromMilliseconds(PageServer.Patience));
            (await request.ResponseAsync()).ShouldNotBeNull($"an answer to {path}");
        }
        finally
        {
            page.Request -= Asked;
        }
    }

    /// <summary>Waits until the node <paramref name="id"/> has been on the canvas, the same element, for a second.</summary>
    static Task Drawn(IPage page, string id) => page.WaitForFunctionAsync(
        $$"""
        () => {
            const node = document.querySelector('g.x6-node[data-cell-id={{id}}]');
            const seen = window.__drawn;
            if (!node || !seen || seen.node !== node) { window.__drawn = node ? { node, since: Date.now() } : null; return false; }
            return Date.now() - seen.since >= 1000;
        }
        """, null, new() { Timeout = PageServer.Patience, PollingInterval = 100 });

    static Task<double[]> PlaceOf(IPage page, string id) => page.EvaluateAsync<double[]>(
        $"() => {{ const r = document.querySelector('g.x6-node[data-cell-id={id}] foreignObject').getBoundingClientRect(); return [r.left, r.top]; }}");

    /// <summary>Turns the wheel three notches up over the canvas's middle (5% a notch); the scale of <paramref name="id"/> before and after.</summary>
    static async Task<(double Before, double After)> ZoomInWithTheWheel(IPage page, string id)
    {
        var before = await ScaleOf(page, id);
        var canvas = await DesignerCanvas.OnAsync(page);
        await page.Mouse.MoveAsync(canvas.Graph.X + canvas.Graph.Width / 2, canvas.Graph.Y + canvas.Graph.Height / 2);
        for (var notch = 0; notch < 3; notch++) await page.Mouse.WheelAsync(0, -100);
        await page.WaitForTimeoutAsync(300);
        return (before, await ScaleOf(page, id));
    }

    static Task<double> ScaleOf(IPage page, string id) => page.EvaluateAsync<double>(
        $"() => {{ const f = document.querySelector('g.x6-node[data-cell-id={id}] foreignObject'); return f.getBoundingClientRect().width / f.width.baseVal.value; }}");

    [Fact]
    public async Task A_non_administrator_sees_the_designer_read_only_and_cannot_save()
    {
        var page = await SignedIn(Roles.Operator, "/studio/definitions/cadre-appointment");

        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.GetByText("read-only mode").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "editor-read-only.png") });
        await ErrorBarHidden(page);

        var api = server.CreateClientFor(Tenant, Roles.Operator);
        var definition = await api.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/cadre-appointment?versionOptions=Latest");
        definition!["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ShouldNotContain("publish");
        var save = await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = definition, publish = false });
        save.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_instance_viewer_shows_a_running_appointment_procedure()
    {
        var started = await server.CreateClientFor(Tenant, Roles.OrganizationDepartment)
            .PostAsJsonAsync("/api/workflows/cadre-appointment/instances", new { input = new { cadreId = Guid.NewGuid() } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var page = await SignedIn(Roles.OrganizationDepartment, $"/studio/instances/{instanceId}");

        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "instance-viewer.png") });
        await OpenStage(page, "nominationStage", "awaitRecommendation");
        // The viewer redraws a running instance as it polls it: the node is waited for again before the picture.
        await page.Locator("g.x6-node[data-cell-id=awaitRecommendation]").WaitForAsync(new() { Timeout = PageServer.Patience });
        await Shot(page, "instance-viewer-stage");
        await Eventually.True(async () => await page.Locator("g.x6-node[data-cell-id=awaitRecommendation]").CountAsync() == 1,
            "the nomination stage drawn with the recommendation step once");
        await ErrorBarHidden(page);
    }

    [Fact]
    public async Task In_the_instance_viewer_an_activity_clicked_shows_its_executions_without_an_error_bar()
    {
        var instanceId = await StartAppointment(server.CreateClientFor(Tenant, Roles.OrganizationDepartment));
        var page = await SignedIn(Roles.OrganizationDepartment, $"/studio/instances/{instanceId}");
        var executions = new List<string>();
        page.Response += (_, response) => { if (response.Url.Contains("/elsa/api/activity-execution")) executions.Add($"{response.Status} {response.Url}"); };

        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await OpenStage(page, "nominationStage", "awaitNominee");
        await page.WaitForTimeoutAsync(500);
        var viewer = await DesignerCanvas.OnAsync(page);
        await viewer.BringIntoView("awaitNominee");
        await page.Locator("g.x6-node[data-cell-id=awaitNominee] foreignObject").ClickAsync();
        await Eventually.True(() => Task.FromResult(executions.Any(e => e.Contains("/activity-executions/by-id"))), "the viewer to open the activity's execution");
        await page.WaitForTimeoutAsync(1000);
        await Shot(page, "instance-viewer-activity");
        executions.ShouldAllBe(e => e.StartsWith("200 "));
        await ErrorBarHidden(page);
    }

    [Fact]
    public async Task The_instance_viewers_incidents_tab_shows_why_a_procedure_failed_without_an_error_bar()
    {
        var admin = server.CreateClientFor(Tenant, Roles.Administrator);
        (await admin.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject
        {
            ["model"] = Definition.Flowchart("failing-check", [Definition.Activity("start", "Elsa.Start"),
                Definition.Activity("fail", "Elsa.Fault", ("code", "F7"), ("category", "Vetting"), ("message", "档案不全 file incomplete"))], [("start", "Done", "fail")]),
            ["publish"] = true,
        })).EnsureSuccessStatusCode();
        var started = await server.CreateClientFor(Tenant, Roles.OrganizationDepartment).PostAsJsonAsync("/api/workflows/failing-check/instances", new { input = new { } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var page = await SignedIn(Roles.Administrator, $"/studio/instances/{instanceId}");
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.Locator(".mud-tab", new() { HasText = "Incidents" }).First.ClickAsync();
        await page.GetByText("file incomplete").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await Shot(page, "instance-viewer-incidents");
        await ErrorBarHidden(page);
    }

    /// <summary>
    /// The Studio is one page: the definitions list, the designer, the instances list and the viewer are swapped in place with the
    /// address following, back and forward work, and each address opens the same screen on reload. How long the appointment's five
    /// stages take to draw after its row is clicked, again when it is reopened, and a stage after its double-click is written to the
    /// test's output and to screenshots/designer-open.txt.
    /// </summary>
    [Fact]
    public async Task Moving_between_the_Studio_screens_never_reloads_the_page_and_every_address_works_on_reload()
    {
        var instanceId = await StartAppointment(server.CreateClientFor(Tenant, Roles.OrganizationDepartment));
        var page = await SignedIn(Roles.Administrator, "/studio/");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Enqueue(message.Text); };
        var informational = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => { if (message.Text.StartsWith("info:", StringComparison.Ordinal)) informational.Enqueue(message.Text); };
        var appointment = page.Locator("tr.mud-table-row", new() { HasText = "Cadre appointment" }).First;
        await appointment.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.EvaluateAsync("() => { window.studioLoads = (window.studioLoads || 0) + 1; }");
        async Task SamePage() => (await page.EvaluateAsync<int>("() => window.studioLoads || 0")).ShouldBe(1, "the Studio page was loaded again");

        // A server in service has answered the designer before: its first answers (JIT) are not the designer's time.
        var api = server.CreateClientFor(Tenant, Roles.Administrator);
        (await api.GetAsync("/elsa/api/descriptors/activities?Refresh=True")).EnsureSuccessStatusCode();
        (await api.GetAsync("/elsa/api/workflow-definitions/by-definition-id/cadre-appointment?versionOptions=Latest")).EnsureSuccessStatusCode();
        var clicked = System.Diagnostics.Stopwatch.StartNew();
        await appointment.Locator("td").Nth(1).ClickAsync();
        await page.WaitForURLAsync($"{Root}/studio/definitions/cadre-appointment");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {AppointmentActivities.Length}",
            null, new() { Timeout = PageServer.Patience, PollingInterval = 20 });
        var drawn = clicked.Elapsed;
        await SamePage();
        (await page.TitleAsync()).ShouldStartWith("Workflow cadre-appointment");
        (await page.Locator("header.bar nav a.active").InnerTextAsync()).ShouldContain("Definitions");

        await page.GetByText("Instances 流程实例").First.ClickAsync();
        await page.WaitForURLAsync($"{Root}/studio/instances");
        var row = page.Locator("tr.mud-table-row", new() { HasText = instanceId }).First;
        await row.WaitForAsync(new() { Timeout = PageServer.Patience });
        await SamePage();
        (await page.Locator("header.bar nav a.active").InnerTextAsync()).ShouldContain("Instances");

        await row.Locator("td").Nth(1).ClickAsync();
        await page.WaitForURLAsync($"{Root}/studio/instances/{instanceId}");
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await SamePage();

        await page.GoBackAsync();
        await page.WaitForURLAsync($"{Root}/studio/instances");
        await page.Locator("tr.mud-table-row", new() { HasText = instanceId }).First.WaitForAsync(new() { Timeout = PageServer.Patience });
        var back = System.Diagnostics.Stopwatch.StartNew();
        await page.GoBackAsync();
        await page.WaitForURLAsync($"{Root}/studio/definitions/cadre-appointment");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {AppointmentActivities.Length}",
            null, new() { Timeout = PageServer.Patience, PollingInterval = 20 });
        var again = back.Elapsed;
        var stageClicked = System.Diagnostics.Stopwatch.StartNew();
        await OpenStage(page, "decisionStage", "awaitMeeting");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node[data-cell-id]').length >= {StageActivities("decisionStage").Length}",
            null, new() { Timeout = PageServer.Patience, PollingInterval = 20 });
        var stage = stageClicked.Elapsed;
        var measured = $"cadre-appointment: the five stages drawn {drawn.TotalSeconds:F2} s after the click (first designer of the session), "
            + $"{again.TotalSeconds:F2} s when opened again; the decision stage's {StageActivities("decisionStage").Length} activities "
            + $"{stage.TotalSeconds:F2} s after its double-click";
        output.WriteLine(measured);
        await File.WriteAllTextAsync(Path.Combine(shots, "designer-open.txt"), measured + Environment.NewLine);
        await SamePage();
        (await page.Locator("#blazor-error-ui").IsVisibleAsync()).ShouldBeFalse(string.Join(Environment.NewLine, errors));
        // Every API call the screens made was logged at Information by the bundle's own settings: the console keeps to warnings.
        informational.ShouldBeEmpty($"the Studio logged {informational.Count} informational lines to the browser console, e.g. {informational.FirstOrDefault()}");

        // The viewer's address, opened anew (a bookmark, a link in a message, a reload), shows the same instance.
        await page.GotoAsync($"{Root}/studio/instances/{instanceId}");
        (await page.EvaluateAsync<int>("() => window.studioLoads || 0")).ShouldBe(0, "a reload is a new page");
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        (await page.TitleAsync()).ShouldStartWith($"Instance {instanceId}");
        await ErrorBarHidden(page);
    }

    [Fact]
    public async Task The_definitions_and_instances_lists_show_the_procedure_and_its_running_instance()
    {
        var instanceId = await StartAppointment(server.CreateClientFor(Tenant, Roles.OrganizationDepartment));

        var page = await SignedIn(Roles.Administrator, "/studio/");
        await page.Locator("tr.mud-table-row", new() { HasText = "Cadre appointment" }).First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await Shot(page, "definitions-list");
        await ErrorBarHidden(page);

        await page.GetByText("Instances 流程实例").First.ClickAsync();
        await page.WaitForURLAsync($"{Root}/studio/instances");
        await page.Locator("tr.mud-table-row", new() { HasText = instanceId }).First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await Shot(page, "instances-list");
        await ErrorBarHidden(page);
    }

    [Fact]
    public async Task The_instance_lists_bulk_cancel_cancels_the_selected_procedures_each_journaled_without_an_error_bar()
    {
        var department = server.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        var (first, second, kept) = (await StartAppointment(department), await StartAppointment(department), await StartAppointment(department));
        var page = await SignedIn(Roles.Administrator, "/studio/instances");
        foreach (var id in new[] { first, second })
        {
            var row = page.Locator("tr.mud-table-row", new() { HasText = id }).First;
            await row.WaitForAsync(new() { Timeout = PageServer.Patience });
            await row.Locator("input[type=checkbox]").CheckAsync();
        }

        await page.GetByText("Bulk actions").ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item", new() { HasText = "Cancel" }).First.ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Yes" }).ClickAsync();

        async Task<string> Status(string id) =>
            (await department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{id}"))!["instance"]!["status"]!.GetValue<string>();
        await Eventually.True(async () => await Status(first) == "Cancelled" && await Status(second) == "Cancelled", "the two selected procedures to be cancelled");
        (await Status(kept)).ShouldBe("Suspended");
        await Shot(page, "instances-bulk-cancelled");
        await ErrorBarHidden(page);
        var journal = (await department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{first}"))!["journal"]!.AsArray();
        journal.ShouldContain(j => j!["eventName"]!.GetValue<string>() == "CancelRequested" && j["actor"]!.GetValue<string>() == "administrator-user");
    }

    [Fact]
    public async Task From_an_instance_rows_menu_an_administrator_cancels_that_procedure_alone_without_an_error_bar()
    {
        var department = server.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        var (cancelled, kept) = (await StartAppointment(department), await StartAppointment(department));
        var page = await SignedIn(Roles.Administrator, "/studio/instances");
        var row = page.Locator("tr.mud-table-row", new() { HasText = cancelled }).First;
        await row.WaitForAsync(new() { Timeout = PageServer.Patience });

        await row.Locator("button.mud-icon-button").Last.ClickAsync(); // the row's menu (⋮)
        await page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item", new() { HasText = "Cancel" }).First.ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Yes" }).ClickAsync();

        async Task<string> Status(string id) =>
            (await department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{id}"))!["instance"]!["status"]!.GetValue<string>();
        await Eventually.True(async () => await Status(cancelled) == "Cancelled", "the procedure of that row to be cancelled");
        (await Status(kept)).ShouldBe("Suspended");
        await Shot(page, "instances-row-cancelled");
        await ErrorBarHidden(page);
        var journal = (await department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{cancelled}"))!["journal"]!.AsArray();
        journal.ShouldContain(j => j!["eventName"]!.GetValue<string>() == "CancelRequested" && j["actor"]!.GetValue<string>() == "administrator-user");
    }

    [Fact]
    public async Task An_administrator_imports_two_definition_files_at_once_from_the_list_without_an_error_bar()
    {
        var folder = Directory.CreateTempSubdirectory("import-files-").FullName;
        var names = new[] { "Imported review 导入审查", "Imported follow-up 导入回访" };
        var files = names.Select((name, i) =>
        {
            var definition = Definition.Flowchart($"imported-{i}-{Guid.NewGuid():N}"[..20],
                [Definition.Activity("start", "Elsa.Start"), Definition.Activity("end", "Elsa.End")], [("start", "Done", "end")]);
            definition["name"] = name;
            definition["$schema"] = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json"; // the Studio reads only Elsa's files
            var path = Path.Combine(folder, $"imported-{i}.json");
            File.WriteAllText(path, definition.ToJsonString());
            return path;
        }).ToArray();
        var page = await SignedIn(Roles.Administrator, "/studio/");
        await page.Locator("tr.mud-table-row").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        var imports = new List<string>();
        page.Response += (_, response) => { if (response.Url.Contains("/workflow-definitions/import")) imports.Add($"{response.Status} {response.Url}"); };

        await page.Locator("input[type=file]").First.SetInputFilesAsync(files);

        foreach (var name in names) await page.Locator("tr.mud-table-row", new() { HasText = name }).First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await Shot(page, "definitions-imported");
        imports.Count.ShouldBe(2); // the Studio sends each file it read
        imports.ShouldAllBe(i => i.StartsWith("200 "));
        (await page.Locator(".mud-snackbar", new() { HasText = "Failed" }).CountAsync()).ShouldBe(0);
        await ErrorBarHidden(page);
    }

    [Fact]
    public async Task From_the_definitions_list_an_administrator_publishes_two_drafts_in_bulk_then_unpublishes_them_without_an_error_bar()
    {
        var admin = server.CreateClientFor(Tenant, Roles.Administrator);
        var drafts = new[] { "bulk-draft-a", "bulk-draft-b" };
        foreach (var id in drafts)
            (await admin.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject
            {
                ["model"] = Definition.Flowchart(id, [Definition.Activity("start", "Elsa.Start"), Definition.Activity("end", "Elsa.End")], [("start", "Done", "end")]),
                ["publish"] = false,
            })).EnsureSuccessStatusCode();
        var page = await SignedIn(Roles.Administrator, "/studio/");
        var calls = new List<string>();
        page.Response += (_, response) => { if (response.Url.Contains("/bulk-actions/")) calls.Add($"{response.Status} {response.Url}"); };
        async Task Bulk(string action)
        {
            foreach (var id in drafts)
            {
                var row = page.Locator("tr.mud-table-row", new() { HasText = id }).First;
                await row.WaitForAsync(new() { Timeout = PageServer.Patience });
                await row.Locator("input[type=checkbox]").CheckAsync();
            }
            await page.GetByText("Bulk actions").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText(action, new() { Exact = true }).First.ClickAsync();
            // The dialog's confirming button is named after the action.
            await page.Locator(".mud-dialog button", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{action}$", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).ClickAsync();
        }
        async Task<bool> Published(string id) =>
            (await admin.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Latest"))!["isPublished"]!.GetValue<bool>();

        await Bulk("Publish");
        await Eventually.True(async () => await Published(drafts[0]) && await Published(drafts[1]), "both drafts published");
        await page.ReloadAsync();
        await Bulk("Unpublish");
        await Eventually.True(async () => !await Published(drafts[0]) && !await Published(drafts[1]), "both unpublished");
        await Shot(page, "definitions-bulk");
        calls.Count.ShouldBe(2);
        calls.ShouldAllBe(c => c.StartsWith("200 "));
        await ErrorBarHidden(page);
    }

    [Fact]
    public async Task In_the_version_history_an_administrator_reverts_to_version_1_and_deletes_it_without_an_error_bar()
    {
        var admin = server.CreateClientFor(Tenant, Roles.Administrator);
        var definition = Definition.Flowchart("versioned-review", [Definition.Activity("start", "Elsa.Start"), Definition.Activity("end", "Elsa.End")], [("start", "Done", "end")]);
        (await admin.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = definition.DeepClone(), ["publish"] = true })).EnsureSuccessStatusCode();
        definition["description"] = "second";
        (await admin.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = definition.DeepClone(), ["publish"] = true })).EnsureSuccessStatusCode();
        var page = await SignedIn(Roles.Administrator, "/studio/definitions/versioned-review");
        var calls = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/revert/") || response.Url.Contains("/workflow-definition-versions/")) calls.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.Locator(".mud-tab", new() { HasText = "Version history" }).First.ClickAsync();
        ILocator VersionRow(int version) => page.Locator("tr.mud-table-row").Filter(new() { Has = page.Locator("td", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{version}$") }) }).First;
        async Task Choose(int version, string action)
        {
            await VersionRow(version).Locator("button").Last.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText(action, new() { Exact = true }).First.ClickAsync();
            var confirm = page.Locator(".mud-dialog button", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^(Yes|OK|Delete|Revert)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase) });
            try { await confirm.First.ClickAsync(new() { Timeout = 3_000 }); } catch (TimeoutException) { } // some actions ask nothing
        }

        await VersionRow(1).WaitForAsync(new() { Timeout = PageServer.Patience });
        await Choose(1, "Rollback to this version");
        await Eventually.True(() => Task.FromResult(calls.Any(c => c.Contains("/revert/1"))), "the revert to version 1");
        await VersionRow(3).WaitForAsync(new() { Timeout = PageServer.Patience }); // the revert is the new latest version
        await Choose(1, "Delete");
        await Eventually.True(() => Task.FromResult(calls.Any(c => c.Contains(" DELETE ") && c.Contains("/workflow-definition-versions/"))), "the delete of version 1");
        await Shot(page, "version-history");
        calls.ShouldAllBe(c => c.StartsWith("200 ") || c.StartsWith("204 "));
        await ErrorBarHidden(page);

        (await admin.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/versioned-review?versionOptions=Latest"))!["version"]!
            .GetValue<int>().ShouldBe(3); // version 1's content again, as the new latest
        (await admin.GetAsync($"/elsa/api/workflow-definitions/by-id/versioned-review-v1-{Tenant}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_administrator_drops_a_working_day_Delay_between_two_activities_and_publishes_it()
    {
        var department = server.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        var before = await StartAppointment(department);

        var page = await SignedIn(Roles.Administrator, "/studio/definitions/cadre-appointment");
        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await page.WaitForTimeoutAsync(2000);
        var designer = await DesignerCanvas.OnAsync(page);
        await designer.BringIntoView("motionApproved");
        await Shot(page, "drop-delay-1-opened");

        await designer.RemoveConnection("motionApproved", "Done", "nominationStage");
        await Shot(page, "drop-delay-2-connection-removed");

        await page.GetByText("Scheduling", new() { Exact = true }).First.ClickAsync();
        var start = await designer.Node("motionApproved");
        await page.Locator(".cursor-grab", new() { HasText = "Delay" }).First.DragToAsync(page.Locator(".x6-graph").First,
            new() { TargetPosition = new() { X = start.X - designer.Graph.X + start.Width / 2 + 60, Y = start.Y - designer.Graph.Y + 160 } });
        // The dropped activity is drawn, then selected; on a loaded machine either may lag the drop, so each is waited for.
        await page.WaitForFunctionAsync("n => document.querySelectorAll('g.x6-node[data-cell-id]').length > n", AppointmentActivities.Length,
            new() { Timeout = PageServer.Patience });
        var delayId = (await page.Locator("g.x6-node[data-cell-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-cell-id'))"))
            .Single(id => !AppointmentActivities.Contains(id));
        var workingDays = page.Locator(".mud-input-control", new() { Has = page.Locator("label", new() { HasText = "Working days" }) }).Locator("input").First;
        if (!await workingDays.IsVisibleAsync())
        {
            var dropped = await designer.Node(delayId);
            await page.Mouse.ClickAsync(dropped.X + dropped.Width / 2, dropped.Y + dropped.Height / 2);
        }
        await workingDays.WaitForAsync(new() { Timeout = PageServer.Patience });
        await workingDays.FillAsync("3");
        await workingDays.PressAsync("Tab");
        await page.WaitForTimeoutAsync(2500);
        await Shot(page, "drop-delay-3-dropped-and-set");

        await designer.Connect("motionApproved", "Done", delayId);
        await designer.Connect(delayId, "Done", "nominationStage");
        await Shot(page, "drop-delay-4-connected");

        await page.Locator("button.mud-icon-button:visible", new() { Has = page.Locator("path[d^='M19.35 10.04']") }).First.ClickAsync(); // publish (the cloud)
        await page.GetByText("Workflow published").First.WaitForAsync(new() { Timeout = PageServer.Patience });
        await Shot(page, "drop-delay-5-published");
        await ErrorBarHidden(page);

        var published = (await department.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/cadre-appointment?versionOptions=Published"))!;
        published["version"]!.GetValue<int>().ShouldBe(2);
        var connections = published["root"]!["connections"]!.AsArray().Select(c => $"{c!["source"]!["activity"]}.{c["source"]!["port"]}->{c["target"]!["activity"]}").ToList();
        connections.ShouldContain($"motionApproved.Done->{delayId}");
        connections.ShouldContain($"{delayId}.Done->nominationStage");
        connections.ShouldNotContain("motionApproved.Done->nominationStage");

        var after = await StartAppointment(department);
        var newRun = (await department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{after}"))!;
        newRun["instance"]!["version"]!.GetValue<int>().ShouldBe(2);
        var newSteps = newRun["journal"]!.AsArray().Select(j => j!["activityId"]?.GetValue<string>()).ToList();
        newSteps.ShouldContain(delayId);
        newSteps.ShouldNotContain("awaitNominee"); // it waits three working days first

        var oldRun = (await department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{before}"))!;
        oldRun["instance"]!["version"]!.GetValue<int>().ShouldBe(1);
        oldRun["journal"]!.AsArray().Select(j => j!["activityId"]?.GetValue<string>()).ShouldContain("awaitNominee");
        oldRun["journal"]!.AsArray().Select(j => j!["activityId"]?.GetValue<string>()).ShouldNotContain(delayId);
    }

    /// <summary>What the appointment's root canvas draws: the motion and the five stages.</summary>
    static readonly string[] AppointmentActivities = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolder("workflows"), "cadre-appointment.json")))!
        ["root"]!["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToArray();

    static string[] StageActivities(string stage) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolder("workflows"), "cadre-appointment.json")))!
        ["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == stage)!["activities"]!.AsArray()
        .Select(a => a!["id"]!.GetValue<string>()).ToArray();

    /// <summary>Double-clicks a stage (a nested flowchart): the designer and the viewer open it on a canvas of its own.</summary>
    static async Task OpenStage(IPage page, string stage, string step)
    {
        var node = page.Locator($"g.x6-node[data-cell-id={stage}] foreignObject");
        await node.WaitForAsync(new() { Timeout = PageServer.Patience });
        await node.DblClickAsync();
        await page.Locator($"g.x6-node[data-cell-id={step}]").WaitForAsync(new() { Timeout = PageServer.Patience });
    }

    /// <summary>The smallest scale at which a 13 px label still reads at about 10 px.</summary>
    const double ReadableScale = 0.75;

    /// <summary>
    /// What the designer, as it opens <paramref name="flowchart"/>, leaves unreadable: an activity drawn below the readable scale, the
    /// start not whole in the part of the canvas its pane shows, or any activity not whole there. Nothing when an administrator reads
    /// the flowchart without zooming or panning.
    /// </summary>
    /// <summary>A JavaScript function: the part of a canvas element its clipping ancestors leave visible, as [left, top, right, bottom].</summary>
    const string VisibleCanvas = @"(g) => {
            const r = g.getBoundingClientRect();
            let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
            for (let e = g.parentElement; e; e = e.parentElement) {
                if (getComputedStyle(e).overflow === 'visible') continue;
                const p = e.getBoundingClientRect();
                [left, top, right, bottom] = [Math.max(left, p.left), Math.max(top, p.top), Math.min(right, p.right), Math.min(bottom, p.bottom)];
            }
            return [left, top, right, bottom];
        }";

    static async Task<string[]> Unreadable(IPage page, JsonObject flowchart, string what)
    {
        var found = JsonNode.Parse(await page.EvaluateAsync<string>(@"() => {
            return JSON.stringify({ canvas: (" + VisibleCanvas + @")(document.querySelector('.x6-graph')), nodes: Object.fromEntries([...document.querySelectorAll('g.x6-node[data-cell-id]')].map(n => {
                const f = n.querySelector('foreignObject'), b = f.getBoundingClientRect();
                return [n.getAttribute('data-cell-id'), [b.left, b.top, b.right, b.bottom, b.width / f.width.baseVal.value]]; })) });
        }"))!;
        var canvas = found["canvas"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var nodes = found["nodes"]!.AsObject().ToDictionary(n => n.Key, n => n.Value!.AsArray().Select(v => v!.GetValue<double>()).ToArray());
        bool Whole(double[] b) => b[0] >= canvas[0] - 1 && b[1] >= canvas[1] - 1 && b[2] <= canvas[2] + 1 && b[3] <= canvas[3] + 1;
        var scale = nodes.Values.Min(b => b[4]);
        var start = StartOf(flowchart);
        var outside = nodes.Where(n => !Whole(n.Value)).Select(n => n.Key).ToArray();
        var problems = new List<string>();
        if (scale < ReadableScale - 0.01)
            problems.Add($"{what} opens at {scale:P0}, below the readable {ReadableScale:P0}");
        if (!Whole(nodes[start]))
            problems.Add($"{what} opens with its start {start} not whole on the canvas");
        if (outside.Length > 0)
            problems.Add($"{what} opens at {scale:P0} with {string.Join(", ", outside)} not whole on the canvas");
        return [.. problems];
    }

    /// <summary>Where a flowchart starts: the first activity nothing else in it leads into (the root's trigger, a stage's first step).</summary>
    static string StartOf(JsonObject flowchart)
    {
        var led = flowchart["connections"]!.AsArray()
            .Where(c => c!["source"]!["activity"]!.GetValue<string>() != c["target"]!["activity"]!.GetValue<string>())
            .Select(c => c!["target"]!["activity"]!.GetValue<string>()).ToHashSet();
        return flowchart["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).First(id => !led.Contains(id));
    }

    /// <summary>The breadcrumb's first item leads from a stage back to the whole procedure.</summary>
    static async Task BackToRoot(IPage page, string stage)
    {
        await page.Locator(".mud-breadcrumbs a", new() { HasText = "Root" }).First.ClickAsync();
        await page.Locator($"g.x6-node[data-cell-id={stage}]").WaitForAsync(new() { Timeout = PageServer.Patience });
    }

    static async Task<string> StartAppointment(HttpClient client)
    {
        var started = await client.PostAsJsonAsync("/api/workflows/cadre-appointment/instances", new { input = new { cadreId = Guid.NewGuid() } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    Task Shot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"{name}.png") });

    /// <summary>Mouse work on the Studio's X6 canvas: nodes are <c>g.x6-node[data-cell-id]</c>, ports <c>.x6-port-body[port]</c>.</summary>
    sealed class DesignerCanvas(IPage page, LocatorBoundingBoxResult graph)
    {
        public LocatorBoundingBoxResult Graph => graph;

        /// <summary>
        /// The page's canvas once it has a box (the instance viewer redraws it as it polls, and for a moment it has none), with the
        /// person's pointer come onto its corner: from then on the designer no longer fits the flowchart to its late resizes, so what
        /// the test measures next stays where it was measured.
        /// </summary>
        public static async Task<DesignerCanvas> OnAsync(IPage page)
        {
            var graph = await Eventually.Get(() => page.Locator(".x6-graph").First.BoundingBoxAsync(), "the canvas drawn",
                TimeSpan.FromMilliseconds(PageServer.Patience));
            await page.Mouse.MoveAsync(graph.X + 4, graph.Y + 4, new() { Steps = 2 });
            await page.WaitForTimeoutAsync(100); // a fit already asked for is drawn in the next frame
            return new(page, await Eventually.Get(() => page.Locator(".x6-graph").First.BoundingBoxAsync(), "the canvas drawn",
                TimeSpan.FromMilliseconds(PageServer.Patience)));
        }

        /// <summary>The node's box once it is drawn: while the Studio lays the canvas out again a node has none for a moment.</summary>
        public async Task<LocatorBoundingBoxResult> Node(string id)
        {
            var node = page.Locator($"g.x6-node[data-cell-id='{id}']");
            return await Eventually.Get(async () =>
            {
                await node.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = PageServer.Patience });
                return await node.BoundingBoxAsync();
            }, $"node {id} drawn", TimeSpan.FromMilliseconds(PageServer.Patience));
        }

        async Task<(float X, float Y)> Port(string node, string port)
        {
            var box = (await page.Locator($"g.x6-node[data-cell-id='{node}'] .x6-port-body[port='{port}']").BoundingBoxAsync())!;
            return (box.X + box.Width / 2, box.Y + box.Height / 2);
        }

        /// <summary>Pans (dragging the empty canvas) until the node sits near the canvas's top left corner, at the designer's own zoom.</summary>
        public async Task BringIntoView(string id)
        {
            for (var attempt = 0; attempt < 12; attempt++)
            {
                var node = await Node(id);
                var dx = Math.Clamp(graph.X + 80 - node.X, -350, 350);
                var dy = Math.Clamp(graph.Y + 120 - node.Y, -250, 250);
                if (Math.Abs(dx) < 5 && Math.Abs(dy) < 5) return;
                var (x, y) = await EmptySpot();
                await page.Mouse.MoveAsync(x, y);
                await page.Mouse.DownAsync();
                await page.Mouse.MoveAsync(x + dx / 2, y + dy / 2, new() { Steps = 8 });
                await page.Mouse.MoveAsync(x + dx, y + dy, new() { Steps = 8 });
                await page.Mouse.UpAsync();
                await page.WaitForTimeoutAsync(500);
            }
        }

        /// <summary>A point of the canvas with no node or connection under it (dragging there pans, clicking deselects).</summary>
        async Task<(float X, float Y)> EmptySpot()
        {
            for (var fy = 0.2f; fy < 0.9f; fy += 0.1f)
                for (var fx = 0.3f; fx < 0.9f; fx += 0.1f)
                {
                    var (x, y) = (graph.X + graph.Width * fx, graph.Y + graph.Height * fy);
                    var free = await page.EvaluateAsync<bool>(
                        "({ x, y }) => { const e = document.elementFromPoint(x, y); return !!e && !e.closest('g.x6-node, g.x6-edge') && !!e.closest('.x6-graph'); }",
                        new { x = (double)x, y = (double)y });
                    if (free) return (x, y);
                }
            throw new InvalidOperationException("No empty spot on the canvas.");
        }

        /// <summary>
        /// Hovering a connection shows X6's remove button on it; the person clicks where it is drawn.
        /// A second hover event can draw the button twice, one copy on top of the other, so the click goes to
        /// the point, which the topmost copy receives, not to one element of the two.
        /// </summary>
        public async Task RemoveConnection(string source, string port, string target)
        {
            var from = await Port(source, port);
            var to = await Port(target, "In");
            await page.Mouse.MoveAsync((from.X + to.X) / 2, (from.Y + to.Y) / 2);
            var button = page.Locator("g[data-tool-name=button-remove]").Last;
            await button.WaitForAsync(new() { Timeout = PageServer.Patience });
            var box = (await button.BoundingBoxAsync())!;
            await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
            await page.WaitForTimeoutAsync(2000);
        }

        /// <summary>Drags from an outcome port to the target's In port; nothing may be selected, or the drag moves the selected node.</summary>
        public async Task Connect(string source, string port, string target)
        {
            var (x, y) = await EmptySpot();
            await page.Mouse.ClickAsync(x, y);
            await page.WaitForTimeoutAsync(800);
            var from = await Port(source, port);
            var to = await Port(target, "In");
            await page.Mouse.MoveAsync(from.X, from.Y);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync((from.X + to.X) / 2, (from.Y + to.Y) / 2, new() { Steps = 10 });
            await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 10 });
            await page.Mouse.UpAsync();
            await page.WaitForTimeoutAsync(2500);
        }
    }

    static string RepositoryFolder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestration.sln"))) directory = directory.Parent;
        return Path.Combine(directory!.FullName, name);
    }
}
