using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// A workflow server over a given database, on a clock the test moves. Tests that exchange messages with services use the real
/// RabbitMQ, in a virtual host of the server's own (<see cref="ServiceHost{TProgram}.BrokerUri"/>): a command it publishes reaches
/// no other test project's service, and no other project's answers reach it. The others (timers, branching) use the in-memory
/// transport and still the real PostgreSQL.
/// </summary>
public sealed class RuntimeHost : ServiceHost<Program>
{
    readonly string database;
    readonly FakeTimeProvider clock;
    readonly bool overRabbitMq;

    public RuntimeHost(ServersFixture servers, string database, FakeTimeProvider clock, bool overRabbitMq = true) : base(servers, "Workflows")
    {
        this.database = database;
        this.clock = clock;
        this.overRabbitMq = overRabbitMq;
        OwnBroker = overRabbitMq;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Workflows", database);
        if (!overRabbitMq) builder.UseSetting("Messaging:Transport", "InMemory");
        builder.UseSetting("Workflows:TimerPollInterval", "00:00:00.050");
        builder.UseSetting("Workflows:UseDatabaseClock", "false"); // the tests move the server's clock ahead of the real time
        builder.UseSetting("Workflows:DefinitionsDirectory", Path.Combine(Path.GetTempPath(), "no-workflows-here"));
        for (var i = 0; i < CalendarTenants.Length; i++) builder.UseSetting($"Workflows:TriggerTenants:{i}", CalendarTenants[i]);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            MoreServices?.Invoke(services);
        });
    }

    /// <summary>More services of the server (a logger provider that keeps what WriteLine wrote, say).</summary>
    public Action<IServiceCollection>? MoreServices { get; init; }

    /// <summary>More settings of the server (<c>Calendar:DataDirectory</c>, say).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>The tenants the calendar's triggers start procedures for.</summary>
    public static readonly string[] TriggerTenants = ["county-test", "county-north"];

    /// <summary>This host's <c>Workflows:TriggerTenants</c>: <see cref="TriggerTenants"/> unless a test needs others (or none).</summary>
    public string[] CalendarTenants { get; init; } = TriggerTenants;

    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task Publish(JsonObject definition)
    {
        await StartedAsync();
        await InScope(async services =>
    {
        await services.GetRequiredService<DefinitionStore>().SaveAsync(definition, publish: true, DefinitionTenancy.SharedLibrary, CancellationToken.None);
        await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
        return true;
    });
    }

    public Task<WorkflowInstance> Start(string definitionId, JsonObject? input = null, string tenant = "county-test") => InScope(async services =>
    {
        var instance = await services.GetRequiredService<WorkflowRuntime>().StartAsync(definitionId, input, tenant, "test", CancellationToken.None);
        await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
        return instance;
    });

    public Task<WorkflowInstance> Instance(Guid id) =>
        InScope(services => services.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking().SingleAsync(i => i.Id == id));

    public Task<List<JournalEntry>> Journal(Guid id) => InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync());

    public Task<List<WorkflowInstance>> Instances(string definitionId) => InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId).OrderBy(i => i.CreatedAt).ToListAsync());

    public Task<List<TriggerRecord>> Triggers(string definitionId) => InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Triggers.AsNoTracking().Where(t => t.DefinitionId == definitionId).ToListAsync());

    public Task<List<BookmarkRecord>> Bookmarks(Guid id) => InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking().Where(b => b.InstanceId == id).ToListAsync());

    /// <summary>The step token of the instance's one waiting command, which the service's answer echoes.</summary>
    public async Task<string> StepTokenOf(Guid id) =>
        System.Text.Json.Nodes.JsonNode.Parse((await Bookmarks(id)).Single(b => b.Kind == Orchestration.Workflows.Activities.BookmarkKinds.DomainResult).PayloadJson!)!["step"]!.GetValue<string>();

    public async Task<WorkflowInstance> StatusBecomes(Guid id, WorkflowStatus status, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.Get(async () => await Instance(id) is { } i && i.Status == status ? i : null, $"instance {id} to be {status}", timeout);
        }
        catch (TimeoutException)
        {
            var instance = await Instance(id);
            var journal = string.Join("\n", (await Journal(id)).Select(j => $"{j.Sequence} {j.EventName} {j.ActivityId} {j.Message}"));
            var incidents = await InScope(services => services.GetRequiredService<WorkflowDbContext>().Incidents.Where(i => i.InstanceId == id).Select(i => i.Message).ToListAsync());
            throw new TimeoutException($"Instance {id} stayed {instance.Status}, not {status}.\nJournal:\n{journal}\nIncidents: {string.Join("; ", incidents)}");
        }
    }
}
