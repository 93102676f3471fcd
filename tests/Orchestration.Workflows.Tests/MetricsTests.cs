using System.Globalization;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// <c>/metrics</c> of a workflow server scraped while procedures run: each series the runbook and the alerts read moves as the
/// procedure does. The gauges read at every scrape here (<c>Metrics:ReadingMaxAge</c> 0); the server's own <c>service.name</c> tells
/// its gauges from those of the other test hosts in this process.
/// </summary>
public sealed class MetricsTests(ServersFixture servers, ITestOutputHelper output) : IClassFixture<ServersFixture>
{
    const string Tenant = "county-test";

    RuntimeHost Host(FakeTimeProvider clock, string service, params (string Key, string Value)[] settings)
    {
        var host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock);
        host.Settings["Metrics:ReadingMaxAge"] = "00:00:00";
        host.Settings["Service:Name"] = service;
        foreach (var (key, value) in settings) host.Settings[key] = value;
        return host;
    }

    static System.Text.Json.Nodes.JsonObject WaitThenRecommend(string definitionId, string delay) => Flowchart(definitionId,
        [
            Activity("start", "Elsa.Start"),
            Activity("wait", "Elsa.Delay", ("timeSpan", delay)),
            Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
            Activity("passed", "Elsa.End"),
            Activity("failed", "Elsa.Finish"),
        ],
        [("start", "Done", "wait"), ("wait", "Done", "recommend"), ("recommend", "Passed", "passed"), ("recommend", "Failed", "failed")]);

    static System.Text.Json.Nodes.JsonObject Recommend(string definitionId) => Flowchart(definitionId,
        [
            Activity("start", "Elsa.Start"),
            Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
            Activity("end", "Elsa.End"),
        ],
        [("start", "Done", "recommend"), ("recommend", "Passed", "end"), ("recommend", "Failed", "end")]);

    static System.Text.Json.Nodes.JsonObject Throwing(string definitionId) => Flowchart(definitionId,
        [Activity("say", "Elsa.WriteLine").With("text", JavaScript("throw new Error('no such county')")), Activity("end", "Elsa.End")],
        [("say", "Done", "end")]);

    [Fact]
    public async Task Scraping_metrics_while_a_procedure_runs_finds_each_series_moving()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = $"workflow-metrics-{Guid.NewGuid():N}";
        await using var host = Host(clock, service);
        var definition = $"metrics-{Guid.NewGuid():N}"[..24];
        var throwing = definition + "-throws";
        await host.Publish(WaitThenRecommend(definition, "01:00:00"));
        await host.Publish(Throwing(throwing));
        var scraper = host.CreateClient();
        (string, string) Service = ("service_name", service);

        var before = await Scrape.Of(scraper);
        output.WriteLine(string.Join("\n", before.Names()));

        // A procedure waits on its timer: instances, bookmarks, timers and the step durations move.
        var instance = await host.Start(definition, new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var waiting = await Scrape.Until(scraper, s => s.Value("orchestration_workflows_instances", ("workflow_definition_id", definition), ("workflow_status", "Suspended"), Service) == 1,
            "the instance counted Suspended");
        waiting.Value("orchestration_workflows_bookmarks", ("kind", "Timer"), Service).ShouldBeGreaterThan(before.Value("orchestration_workflows_bookmarks", ("kind", "Timer"), Service));
        waiting.Value("orchestration_workflows_timers_pending", ("kind", "timer"), Service).ShouldBe(1);
        waiting.Value("orchestration_workflows_timers_overdue", ("kind", "timer"), Service).ShouldBe(0);
        waiting.Value("orchestration_workflows_step_duration_seconds_count", ("workflow_activity_type", "Elsa.Delay"))
            .ShouldBeGreaterThan(before.Value("orchestration_workflows_step_duration_seconds_count", ("workflow_activity_type", "Elsa.Delay")));

        // The timer fires late (the clock jumps two hours): the lateness histogram counts it; the command leaves through the outbox.
        await using var probe = await BusProbe.StartAsync(host.BrokerUri, typeof(ConcludeRecommendationRound));
        clock.Advance(TimeSpan.FromHours(2));
        await probe.WaitFor<ConcludeRecommendationRound>(c => c.ProcedureId == instance.Id);
        var fired = await Scrape.Until(scraper, s => s.Value("orchestration_workflows_timers_pending", ("kind", "timer"), Service) == 0
                                                     && s.Value("orchestration_outbox_pending", ("context", nameof(WorkflowDbContext)), Service) == 0, "the timer fired and the command published");
        fired.Value("orchestration_workflows_timer_lateness_seconds_count", ("kind", "timer"))
            .ShouldBeGreaterThan(before.Value("orchestration_workflows_timer_lateness_seconds_count", ("kind", "timer")));
        fired.Value("orchestration_workflows_bookmarks", ("kind", "DomainResult"), Service).ShouldBe(1);
        fired.Value("orchestration_outbox_oldest_age_seconds", ("context", nameof(WorkflowDbContext)), Service).ShouldBe(0);

        // The service answers twice with one message id: the procedure finishes once, and the inbox drops the duplicate.
        var result = new RecommendationRoundConcluded(instance.Id, Tenant, instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null, Outcomes.Passed, null, null);
        var messageId = NewId.NextGuid();
        var step = await host.StepTokenOf(instance.Id);
        await probe.Publish(result, messageId, StepToken.Header, step);
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        await probe.Publish(result, messageId, StepToken.Header, step);
        await Scrape.Until(scraper, s => s.Value("orchestration_inbox_duplicates_total") > before.Value("orchestration_inbox_duplicates_total"), "the duplicate counted");

        // The journal is checked over the API, and a procedure that throws opens an incident.
        var operatorClient = host.CreateClientFor(Tenant, Roles.Operator);
        (await operatorClient.GetAsync($"/api/workflows/instances/{instance.Id}/journal/verify")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var faulted = await host.Start(throwing);
        await host.StatusBecomes(faulted.Id, WorkflowStatus.Faulted);

        var after = await Scrape.Until(scraper, s => s.Value("orchestration_workflows_incidents_open", ("kind", "activity"), Service) == 1
                                                     && s.Value("orchestration_workflows_instances", ("workflow_definition_id", definition), Service) == 0, "the incident counted open");
        after.Value("orchestration_workflows_instances", ("workflow_definition_id", throwing), ("workflow_status", "Faulted"), Service).ShouldBe(1);
        after.Value("orchestration_workflows_journal_verifications_total", ("result", "intact"))
            .ShouldBeGreaterThan(before.Value("orchestration_workflows_journal_verifications_total", ("result", "intact")));
        after.Value("orchestration_workflows_step_duration_seconds_count", ("workflow_activity_type", "Elsa.WriteLine"), ("outcome", "faulted"))
            .ShouldBeGreaterThan(before.Value("orchestration_workflows_step_duration_seconds_count", ("workflow_activity_type", "Elsa.WriteLine"), ("outcome", "faulted")));
        after.Value("orchestration_workflows_incidents_total", ("kind", "activity")).ShouldBeGreaterThan(before.Value("orchestration_workflows_incidents_total", ("kind", "activity")));
        await Scrape.Until(scraper, s => s.Value("orchestration_health_status", ("check", "rabbitmq"), Service) == 2, "the broker reported healthy");

        // The libraries' instruments move too: the runtime and Npgsql. (ASP.NET Core's and MassTransit's meters belong to each host or
        // bus, and another test host of this process that stops ends their series here: the embedded host's own process shows them.)
        after.Value("dotnet_gc_heap_total_allocated_bytes_total").ShouldBeGreaterThan(before.Value("dotnet_gc_heap_total_allocated_bytes_total"));
        after.Value("db_client_operation_duration_seconds_count").ShouldBeGreaterThan(before.Value("db_client_operation_duration_seconds_count"));
    }

    [Fact]
    public async Task With_the_broker_away_the_outbox_backlog_and_overdue_timers_grow_while_the_server_stays_ready()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = $"workflow-metrics-{Guid.NewGuid():N}";
        // No broker answers, and the timer workers look only once an hour: what is due stays due.
        await using var host = Host(clock, service, ("ConnectionStrings:RabbitMq", $"amqp://guest:guest@127.0.0.1:{LoopbackPorts.Closed()}/"),
            ("Workflows:TimerPollInterval", "01:00:00"));
        var scraper = host.CreateClient();
        (string, string) Service = ("service_name", service);
        var commandFirst = $"metrics-{Guid.NewGuid():N}"[..24];
        var timerFirst = commandFirst + "-timer";
        await host.InScope(async services =>
        {
            var store = services.GetRequiredService<DefinitionStore>();
            await store.SaveAsync(Recommend(commandFirst), publish: true, DefinitionTenancy.SharedLibrary, CancellationToken.None);
            await store.SaveAsync(WaitThenRecommend(timerFirst, "00:01:00"), publish: true, DefinitionTenancy.SharedLibrary, CancellationToken.None);
            await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
            return true;
        });
        await Task.Delay(TimeSpan.FromSeconds(1)); // past the timer workers' first look

        await host.Start(commandFirst, new() { ["cadreId"] = Guid.NewGuid().ToString() });
        await host.Start(timerFirst, new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var waiting = await Scrape.Until(scraper, s => s.Value("orchestration_outbox_pending", ("context", nameof(WorkflowDbContext)), Service) >= 1,
            "the command waiting in the outbox");
        waiting.Value("orchestration_workflows_timers_overdue", ("kind", "timer"), Service).ShouldBe(0);

        clock.Advance(TimeSpan.FromMinutes(10));
        var late = await Scrape.Of(scraper);
        output.WriteLine(string.Join("\n", late.Lines("orchestration_outbox", "orchestration_workflows_timers")));
        late.Value("orchestration_outbox_oldest_age_seconds", ("context", nameof(WorkflowDbContext)), Service).ShouldBeGreaterThanOrEqualTo(600);
        late.Value("orchestration_workflows_timers_overdue", ("kind", "timer"), Service).ShouldBe(1);
        late.Value("orchestration_workflows_timers_max_lateness_seconds", ("kind", "timer"), Service).ShouldBeGreaterThanOrEqualTo(540);

        (await scraper.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK, "the outbox holds the writes: the pod stays in service");
        await Eventually.True(async () => (await scraper.GetStringAsync("/health/broker")).Contains("\"name\":\"rabbitmq\",\"status\":\"Degraded\""), "the broker Degraded");
        await Scrape.Until(scraper, s => s.Value("orchestration_health_status", ("check", "rabbitmq"), Service) == 1, "the broker gauge Degraded");
    }


    /// <summary>One scrape in the Prometheus text format: the sum of the samples of a name whose labels include those given.</summary>
    sealed class Scrape(string text)
    {
        readonly string[] lines = text.Split('\n');

        public static async Task<Scrape> Of(HttpClient client) => new(await client.GetStringAsync("/metrics"));

        public static Task<Scrape> Until(HttpClient client, Func<Scrape, bool> condition, string what) =>
            Eventually.Get(async () => await Of(client) is var scrape && condition(scrape) ? scrape : null, what, TimeSpan.FromSeconds(60));

        public IEnumerable<string> Lines(params string[] prefixes) => lines.Where(l => prefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal)));

        public IEnumerable<string> Names() => lines.Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0]).Distinct().Order();

        public double Value(string name, params (string Label, string Value)[] labels) => lines
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labels.All(label => l.Contains($"{label.Label}=\"{label.Value}\"", StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
