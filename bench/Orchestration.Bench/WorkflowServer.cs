using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orchestration.Workflows;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Bench;

/// <summary>Where the benchmark runs: the servers from the environment and a queue prefix of its own.</summary>
public sealed record BenchEnvironment(string Postgres, string RabbitMq, string Prefix)
{
    public static BenchEnvironment FromVariables() => new(
        Environment.GetEnvironmentVariable("POSTGRES_CONNECTION") ?? throw new InvalidOperationException("Set POSTGRES_CONNECTION (source /tmp/orchestration-servers/env)."),
        Environment.GetEnvironmentVariable("RABBITMQ_URL") ?? throw new InvalidOperationException("Set RABBITMQ_URL (source /tmp/orchestration-servers/env)."),
        $"bench-{Guid.NewGuid():N}"[..20]);

    /// <summary>A connection string to a database of the run's own (created by whoever uses it first, dropped at the end).</summary>
    public string Database(string purpose) => new NpgsqlConnectionStringBuilder(Postgres) { Database = $"bench_{purpose}_{Guid.NewGuid():N}" }.ConnectionString;
}

/// <summary>
/// The workflow server as the product runs it (<c>AddServiceDefaults</c>, <c>AddWorkflows</c>, its bus consumers, the outbox), on a
/// database of its own, with a clock the benchmark can move. With the stand-in asked for, the same process also hosts the stand-in
/// domain service (<see cref="StandInService"/>) on its own database.
/// </summary>
public sealed class WorkflowServer : IAsyncDisposable
{
    WorkflowServer(WebApplication app, ShiftableClock clock, string workflows, string? service, bool owner)
    {
        App = app;
        Clock = clock;
        WorkflowsDatabase = workflows;
        ServiceDatabase = service;
        this.owner = owner;
    }

    readonly bool owner;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public ShiftableClock Clock { get; }

    public string WorkflowsDatabase { get; }

    public string? ServiceDatabase { get; }

    /// <summary>Starts a server. <paramref name="workflowsDatabase"/> null: a fresh database this server drops when disposed.</summary>
    public static async Task<WorkflowServer> StartAsync(BenchEnvironment environment, bool standIn, string? workflowsDatabase = null,
        long clockOffsetTicks = 0, string name = "workflow-bench")
    {
        var owner = workflowsDatabase is null;
        var workflows = workflowsDatabase ?? environment.Database("workflows");
        var service = standIn ? environment.Database("service") : null;
        var clock = new ShiftableClock(clockOffsetTicks);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["ConnectionStrings:Workflows"] = workflows;
        if (service is not null) builder.Configuration["ConnectionStrings:BenchService"] = service;
        builder.Configuration["ConnectionStrings:RabbitMq"] = environment.RabbitMq;
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["Messaging:Transport"] = "RabbitMq";
        builder.Configuration["Messaging:EndpointPrefix"] = environment.Prefix;
        builder.Configuration["Outbox:PollInterval"] = "00:00:00.050";
        builder.Configuration["Workflows:TimerPollInterval"] = "00:00:00.100";
        builder.Configuration["Workflows:UseDatabaseClock"] = "false"; // the benchmark moves the server's clock
        builder.Configuration["Workflows:DefinitionsDirectory"] = Path.Combine(Path.GetTempPath(), "bench-no-workflows");
        builder.WebHost.UseUrls("http://127.0.0.1:0"); // nothing is served; a free port keeps two runs apart
        builder.AddServiceDefaults(name);
        builder.AddWorkflows();
        if (standIn) StandInService.Add(builder);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddServiceBus([], bus =>
        {
            bus.AddWorkflowConsumers();
            if (standIn) StandInService.AddConsumers(bus);
        });
        // Only what goes wrong; the first connection meets a database still being created, which is expected.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            ["Logging:LogLevel:MassTransit"] = "Error",
            ["Logging:LogLevel:Orchestration"] = "Error",
        });

        var app = builder.Build();
        await app.StartAsync();
        return new WorkflowServer(app, clock, workflows, service, owner);
    }

    /// <summary>Publishes a definition to the shared library.</summary>
    public async Task PublishAsync(JsonObject definition)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DefinitionStore>().SaveAsync(definition, publish: true, Orchestration.Workflows.Runtime.DefinitionTenancy.SharedLibrary, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        if (owner)
        {
            await DropAsync(WorkflowsDatabase);
            if (ServiceDatabase is not null) await DropAsync(ServiceDatabase);
        }
        await App.DisposeAsync();
    }

    /// <summary>Drops a database of the run, closing what still holds it.</summary>
    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Creates a database of the run.</summary>
    public static async Task CreateAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
}

/// <summary>What the measurements ask of the workflow server's database, through its DbContext only.</summary>
public static class Procedures
{
    /// <summary>Starts instances through <c>WorkflowRuntime.StartAsync</c>, 500 to a transaction, on <paramref name="lanes"/> lanes at once.</summary>
    public static async Task<List<Guid>> StartManyAsync(IServiceProvider services, string definitionId, int count, Func<int, JsonObject?> input, int lanes = 2)
    {
        const int batch = 500;
        var ids = new Guid[count];
        var next = -batch;
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var offset = Interlocked.Add(ref next, batch);
                if (offset >= count) return;
                await using var scope = services.CreateAsyncScope();
                var runtime = scope.ServiceProvider.GetRequiredService<Orchestration.Workflows.Runtime.WorkflowRuntime>();
                for (var i = offset; i < Math.Min(count, offset + batch); i++)
                    ids[i] = (await runtime.StartAsync(definitionId, input(i), "county-bench", "bench", CancellationToken.None)).Id;
                await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
            }
        })));
        return [.. ids];
    }

    /// <summary>Instances of the definition that finished (counted by definition and status).</summary>
    public static async Task<int> FinishedAsync(IServiceProvider services, string definitionId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances
            .CountAsync(i => i.DefinitionId == definitionId && i.Status == Orchestration.Workflows.Runtime.WorkflowStatus.Finished);
    }

    /// <summary>Waits until <paramref name="count"/> instances of the definition finished; the time since <paramref name="since"/>'s start.</summary>
    public static async Task<TimeSpan> WaitUntilFinishedAsync(IServiceProvider services, string definitionId, int count, System.Diagnostics.Stopwatch since,
        TimeSpan? limit = null, Func<Task>? meanwhile = null)
    {
        var deadline = limit ?? TimeSpan.FromMinutes(30);
        while (await FinishedAsync(services, definitionId) < count)
        {
            if (since.Elapsed > deadline)
                throw new BenchFailure($"{definitionId}: {await FinishedAsync(services, definitionId)} of {count} finished after {deadline.TotalMinutes:F0} minutes.");
            if (meanwhile is not null) await meanwhile();
            await Task.Delay(200);
        }
        return since.Elapsed;
    }

    /// <summary>When each finished instance of the definition finished.</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> FinishedAtAsync(IServiceProvider services, string definitionId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && i.FinishedAt != null).Select(i => new { i.Id, i.FinishedAt })
            .ToDictionaryAsync(i => i.Id, i => i.FinishedAt!.Value);
    }
}
