using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orchestration.Bench;
using Orchestration.Workflows;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

// Usage: dotnet run --project bench/Orchestration.Bench -c Release -- [round-trips <procedures>] [timers <count>]
// Needs POSTGRES_CONNECTION and RABBITMQ_URL (source /tmp/orchestration-servers/env); each run uses a fresh database.
var mode = args.ElementAtOrDefault(0) ?? "all";
if (mode == "embedded-start")
{
    // Needs no server: the embedded host runs on SQLite and the in-memory transport.
    var repository = args.ElementAtOrDefault(1) ?? Directory.GetCurrentDirectory();
    var (first, later) = await EmbeddedStart.MeasureAsync(repository, laterStarts: 3);
    var median = later.Order().ElementAt(later.Count / 2);
    Console.WriteLine($"embedded host ready: first start {first.TotalSeconds:F1} s (empty data directory), later starts median {median.TotalSeconds:F1} s " +
                      $"({string.Join(", ", later.Select(s => $"{s.TotalSeconds:F1}"))})");
    return;
}
var roundTripProcedures = mode == "round-trips" && int.TryParse(args.ElementAtOrDefault(1), out var p) ? p : 500;
var timerCount = mode == "timers" && int.TryParse(args.ElementAtOrDefault(1), out var t) ? t : 100_000;

var postgres = Environment.GetEnvironmentVariable("POSTGRES_CONNECTION") ?? throw new InvalidOperationException("Set POSTGRES_CONNECTION.");
var rabbit = Environment.GetEnvironmentVariable("RABBITMQ_URL") ?? throw new InvalidOperationException("Set RABBITMQ_URL.");
var database = new NpgsqlConnectionStringBuilder(postgres) { Database = $"bench_workflows_{Guid.NewGuid():N}" }.ConnectionString;
var clock = new ShiftableClock();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = Environments.Development });
builder.Configuration["ConnectionStrings:Workflows"] = database;
builder.Configuration["ConnectionStrings:RabbitMq"] = rabbit;
builder.Configuration["Database:Provider"] = "Postgres";
builder.Configuration["Messaging:Transport"] = "RabbitMq";
builder.Configuration["Messaging:EndpointPrefix"] = $"bench-{Guid.NewGuid():N}"[..24];
builder.Configuration["Outbox:PollInterval"] = "00:00:00.050";
builder.Configuration["Workflows:TimerPollInterval"] = "00:00:00.100";
builder.Configuration["Workflows:UseDatabaseClock"] = "false"; // the benchmark shifts the server's clock
builder.Configuration["Workflows:DefinitionsDirectory"] = Path.Combine(Path.GetTempPath(), "bench-no-workflows");
builder.WebHost.UseUrls("http://127.0.0.1:0"); // nothing is served; a free port keeps two runs apart
builder.AddServiceDefaults("workflow-bench");
builder.AddWorkflows();
builder.Services.AddSingleton<TimeProvider>(clock);
builder.AddServiceBus([], bus =>
{
    bus.AddWorkflowConsumers();
    bus.AddConsumer<RecommendationResponder>();
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);

await using var app = builder.Build();
await app.StartAsync();

if (mode is "all" or "round-trips") await RoundTrips(app.Services, roundTripProcedures);
if (mode is "all" or "timers") await Timers(app.Services, clock, timerCount);
await app.StopAsync();
await using (var cleanup = app.Services.CreateAsyncScope())
    await cleanup.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.EnsureDeletedAsync();
return;

static async Task Publish(IServiceProvider services, JsonObject definition)
{
    await using var scope = services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DefinitionStore>().SaveAsync(definition, publish: true, DefinitionTenancy.SharedLibrary, CancellationToken.None);
    await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
}

static async Task<List<Guid>> StartMany(IServiceProvider services, string definitionId, int count, Func<int, JsonObject?> input)
{
    var ids = new List<Guid>(count);
    for (var offset = 0; offset < count; offset += 500)
    {
        await using var scope = services.CreateAsyncScope();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        for (var i = offset; i < Math.Min(count, offset + 500); i++)
            ids.Add((await runtime.StartAsync(definitionId, input(i), "county-bench", "bench", CancellationToken.None)).Id);
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
    }
    return ids;
}

static async Task<int> Finished(IServiceProvider services, string definitionId)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances
        .CountAsync(i => i.DefinitionId == definitionId && i.Status == WorkflowStatus.Finished);
}

static async Task<TimeSpan> WaitUntilFinished(IServiceProvider services, string definitionId, int count, Stopwatch watch)
{
    while (await Finished(services, definitionId) < count)
    {
        if (watch.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException($"{definitionId}: not finished after 30 minutes.");
        await Task.Delay(200);
    }
    return watch.Elapsed;
}

// Five domain steps in a row, each a command through the outbox and a result back over RabbitMQ.
static async Task RoundTrips(IServiceProvider services, int procedures)
{
    var steps = Enumerable.Range(1, 5).Select(i => $"step{i}").ToArray();
    await Publish(services, BenchDefinitions.Chain("five-round-trips", steps, "Orchestration.Nomination.ConcludeRecommendationRound", "Passed",
        new JsonObject { ["meetingVotesFor"] = 70, ["meetingBallotsCast"] = 100 }));

    var watch = Stopwatch.StartNew();
    await StartMany(services, "five-round-trips", procedures, _ => new JsonObject { ["cadreId"] = Guid.NewGuid().ToString() });
    var elapsed = await WaitUntilFinished(services, "five-round-trips", procedures, watch);
    Console.WriteLine($"round trips: {procedures} procedures x 5 steps in {elapsed.TotalSeconds:F1} s = {procedures / elapsed.TotalSeconds:F1} procedures/s, " +
                      $"{procedures * 5 / elapsed.TotalSeconds:F1} steps/s");
}

// Timers are created first, then the clock jumps so they all fall due at once.
static async Task Timers(IServiceProvider services, ShiftableClock clock, int count)
{
    await Publish(services, BenchDefinitions.Chain("one-timer", ["wait"], "Elsa.Delay", "Done", new JsonObject { ["timeSpan"] = "00:10:00" }));
    var create = Stopwatch.StartNew();
    var ids = await StartMany(services, "one-timer", count, _ => null);
    Console.WriteLine($"timers: {count} created in {create.Elapsed.TotalSeconds:F1} s");

    clock.Shift(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1)); // the last one created is now due too
    var dueAt = clock.GetUtcNow();
    var watch = Stopwatch.StartNew();
    var elapsed = await WaitUntilFinished(services, "one-timer", count, watch);

    await using var scope = services.CreateAsyncScope();
    var lateness = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances
        .Where(i => i.DefinitionId == "one-timer").Select(i => i.FinishedAt!.Value).ToListAsync();
    var late = lateness.Select(f => (f - dueAt).TotalMilliseconds).Order().ToList();
    Console.WriteLine($"timers: {count} fired in {elapsed.TotalSeconds:F1} s = {count / elapsed.TotalSeconds:F0} timers/s; lateness after all fell due " +
                      $"p50 {late[late.Count / 2]:F0} ms, p99 {late[(int)(late.Count * 0.99)]:F0} ms, max {late[^1]:F0} ms ({ids.Count} instances)");
}
