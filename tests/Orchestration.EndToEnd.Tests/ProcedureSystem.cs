extern alias workflows;
extern alias nomination;
extern alias vetting;
extern alias audit;
extern alias disposition;
extern alias villagepay;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// The whole system for one test class: the workflow server with the procedures of <c>workflows/</c> and the five domain services,
/// each its own host with its own PostgreSQL database, on a RabbitMQ virtual host of their own, all on one clock the test moves.
/// A service can be killed and restarted over the same database and queues in the middle of a procedure.
/// </summary>
public sealed class ProcedureSystem : IAsyncLifetime
{
    public const string Tenant = "county-e2e";

    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Monday 2 March 2026, 09:00 in Beijing.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public ServersFixture Servers { get; } = new();

    /// <summary>Every span the six hosts export (each host's exporter sees the whole process; tell them apart by span id).</summary>
    public SpanLog Spans { get; } = new();

    VirtualHost broker = null!;

    /// <summary>What the workflow server warned of, told when a wait for a procedure times out.</summary>
    public WarningLog WorkflowWarnings { get; } = new("Orchestration.Workflows.Runtime");

    /// <summary>What any of the six hosts warned of (an unexpected error behind a 500 among them), told when a test meets one.</summary>
    public WarningLog HostWarnings { get; } = new();

    public SystemHost<workflows::Program> Workflows { get; private set; } = null!;
    public SystemHost<nomination::Program> Nomination { get; private set; } = null!;
    public SystemHost<vetting::Program> Vetting { get; private set; } = null!;
    public SystemHost<audit::Program> Audit { get; private set; } = null!;
    public SystemHost<disposition::Program> Disposition { get; private set; } = null!;
    public SystemHost<villagepay::Program> VillagePay { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        broker = await VirtualHost.CreateAsync(Servers.RabbitMq.AmqpUri);
        Nomination = Host<nomination::Program>("Nomination");
        Vetting = Host<vetting::Program>("Vetting");
        Audit = Host<audit::Program>("Audit");
        Disposition = Host<disposition::Program>("Disposition");
        VillagePay = Host<villagepay::Program>("VillagePay");
        Workflows = Host<workflows::Program>("Workflows", builder =>
        {
            builder.UseSetting("Workflows:DefinitionsDirectory", RepositoryFolder("workflows"));
            builder.UseSetting("Workflows:TimerPollInterval", "00:00:00.050");
            builder.UseSetting("Workflows:UseDatabaseClock", "false"); // the tests move the server's clock ahead of the real time
            builder.UseSetting("Workflows:TriggerTenants:0", Tenant);
            builder.ConfigureLogging(logging => logging.AddProvider(WorkflowWarnings));
        });
        // Start side by side: each host migrates its database and binds its queues.
        await Task.WhenAll(Workflows.StartedAsync(), Nomination.StartedAsync(), Vetting.StartedAsync(), Audit.StartedAsync(),
            Disposition.StartedAsync(), VillagePay.StartedAsync());
    }

    SystemHost<TProgram> Host<TProgram>(string name, Action<IWebHostBuilder>? configure = null) where TProgram : class =>
        new(Servers, name, Servers.Postgres.NewDatabase($"e2e_{name.ToLowerInvariant()}"), broker.AmqpUri, $"e2e-{name.ToLowerInvariant()}", Clock,
            builder =>
            {
                configure?.Invoke(builder);
                builder.ConfigureLogging(logging => logging.AddProvider(HostWarnings));
                builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
            });

    /// <summary>Kills the nomination service's host and starts a new one over the same database and queues.</summary>
    public async Task RestartNominationAsync() => Nomination = await Restart(Nomination);

    /// <summary>Kills the vetting service's host and starts a new one over the same database and queues.</summary>
    public async Task RestartVettingAsync() => Vetting = await Restart(Vetting);

    static async Task<SystemHost<TProgram>> Restart<TProgram>(SystemHost<TProgram> host) where TProgram : class
    {
        await host.DisposeAsync();
        var restarted = host.Again();
        await restarted.StartedAsync();
        return restarted;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { Workflows, Nomination, Vetting, Audit, Disposition, VillagePay })
            if (host is not null) await host.DisposeAsync();
        await broker.DisposeAsync();
        await Servers.DisposeAsync();
    }

    // ---- the workflow server's API, as the organization department calls it

    public HttpClient Department => Workflows.CreateClientFor(Tenant, Roles.OrganizationDepartment);

    public async Task<Guid> StartAsync(string definitionId, object input)
    {
        var response = await Department.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>Records a step's figures for a procedure (as the department, or as <paramref name="caller"/>): raises the event its Event activity waits for.</summary>
    public async Task RaiseAsync(Guid procedure, string eventName, object payload, HttpClient? caller = null)
    {
        var response = await (caller ?? Department).PostAsJsonAsync("/api/workflows/events", new { eventName, correlationKey = procedure.ToString(), payload });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["resumed"]!.GetValue<int>().ShouldBe(1, $"{eventName} resumes procedure {procedure}");
    }

    public async Task<JsonObject> InstanceAsync(Guid procedure) =>
        (await Department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{procedure}"))!;

    /// <summary>Waits until the procedure waits at <paramref name="activityId"/> (an Event, a Delay or a domain step's answer).</summary>
    public async Task WaitsAtAsync(Guid procedure, string activityId)
    {
        try
        {
            await Eventually.True(async () =>
            {
                var instance = await InstanceAsync(procedure);
                return instance["bookmarks"]!.AsArray().Any(b => b!["activityId"]!.GetValue<string>() == activityId);
            }, $"procedure {procedure} to wait at {activityId}", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{await DescribeAsync(procedure)}", ex);
        }
    }

    /// <summary>Waits until <paramref name="probe"/> holds; on timeout the message describes the procedure (bookmarks, incidents, journal).</summary>
    public async Task UntilAsync(Guid procedure, Func<Task<bool>> probe, string what)
    {
        try
        {
            await Eventually.True(probe, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nClock {Clock.GetUtcNow():O}; {await DescribeAsync(procedure)}", ex);
        }
    }

    /// <summary>Waits until the procedure has finished and returns its journal's activity ids in order.</summary>
    public async Task<JsonObject> FinishedAsync(Guid procedure)
    {
        try
        {
            return await Eventually.Get(async () =>
            {
                var instance = await InstanceAsync(procedure);
                return instance["instance"]!["status"]!.GetValue<string>() == "Finished" ? instance : null;
            }, $"procedure {procedure} to finish", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{await DescribeAsync(procedure)}", ex);
        }
    }

    /// <summary>Moves the shared clock; due timers fire on the workflow server's next poll.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>
    /// Moves the shared clock past the timer the procedure waits on at <paramref name="activityId"/>: a working-day window ends where the
    /// official calendar says (a holiday on the way lengthens it), whatever date the tests before have brought the shared clock to.
    /// </summary>
    public async Task PassTimerAsync(Guid procedure, string activityId)
    {
        await WaitsAtAsync(procedure, activityId);
        var due = (await InstanceAsync(procedure))["bookmarks"]!.AsArray()
            .First(b => b!["activityId"]!.GetValue<string>() == activityId && b["dueAt"] is JsonValue)!["dueAt"]!.GetValue<DateTimeOffset>();
        AdvanceTo(due.AddMinutes(1));
    }

    /// <summary>Moves the shared clock forward to <paramref name="moment"/> (never back).</summary>
    public void AdvanceTo(DateTimeOffset moment)
    {
        var by = moment - Clock.GetUtcNow();
        if (by > TimeSpan.Zero) Clock.Advance(by);
    }

    /// <summary>Waits for the one instance of <paramref name="definitionId"/> that a trigger started (for the cadre, when given).</summary>
    public async Task<Guid> StartedAsync(string definitionId, Guid? cadreId = null)
    {
        var query = $"/api/workflows/instances?definitionId={definitionId}" + (cadreId is { } cadre ? $"&cadreId={cadre}" : "");
        var instance = await Eventually.Get(async () =>
        {
            var instances = (await Department.GetFromJsonAsync<JsonArray>(query))!;
            instances.Count.ShouldBeLessThanOrEqualTo(1, $"one {definitionId} procedure");
            return instances.Count == 1 ? instances[0]!.AsObject() : null;
        }, $"a {definitionId} procedure to start", TimeSpan.FromSeconds(60));
        return instance["id"]!.GetValue<Guid>();
    }

    /// <summary>C1: the journal's hash chain is intact.</summary>
    public async Task JournalIntactAsync(Guid procedure)
    {
        var verification = (await Department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{procedure}/journal/verify"))!;
        verification["valid"]!.GetValue<bool>().ShouldBeTrue(verification.ToJsonString());
        verification["entries"]!.GetValue<int>().ShouldBeGreaterThan(0);
    }

    public async Task<string> DescribeAsync(Guid procedure)
    {
        var instance = await InstanceAsync(procedure);
        var journal = instance["journal"]!.AsArray().Select(j => $"  {j!["sequence"]} {j["eventName"]} {j["activityId"]} {j["message"]}");
        return $"status {instance["instance"]!["status"]}, bookmarks {instance["bookmarks"]!.ToJsonString()}, incidents {instance["incidents"]!.ToJsonString()}\n" +
               string.Join("\n", journal) + "\nThe workflow server's last warnings (and its runtime's information):\n  " + string.Join("\n  ", WorkflowWarnings.Last()) +
               "\nIts database's busy sessions:\n  " + string.Join("\n  ", await BusySessionsAsync(Workflows.Database));
    }

    /// <summary>The sessions of a database that are not idle: what each waits for, for how long its transaction has run, who blocks it.</summary>
    static async Task<List<string>> BusySessionsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT pid, state, coalesce(wait_event_type || ':' || wait_event, '-'), coalesce(round(extract(epoch FROM now() - xact_start)::numeric, 1)::text, '-'),
                   pg_blocking_pids(pid)::text, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
            FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var sessions = new List<string>();
        while (await reader.ReadAsync())
            sessions.Add($"pid {reader.GetInt32(0)} {reader.GetString(1)} waits {reader.GetString(2)}, transaction {reader.GetString(3)} s, blocked by {reader.GetString(4)}: {reader.GetString(5)}");
        return sessions;
    }

    /// <summary>The activities the procedure ran, in journal order (each once per completion).</summary>
    public static List<string> CompletedSteps(JsonObject instance) =>
        instance["journal"]!.AsArray().Where(j => j!["eventName"]!.GetValue<string>() == "Completed")
            .Select(j => j!["activityId"]!.GetValue<string>()).ToList();

    /// <summary>Who resumed each step, in order: (activity, actor) of the journal's Resumed entries.</summary>
    public static List<(string Activity, string Actor)> Resumptions(JsonObject instance) =>
        instance["journal"]!.AsArray().Where(j => j!["eventName"]!.GetValue<string>() == "Resumed")
            .Select(j => (j!["activityId"]!.GetValue<string>(), j["actor"]!.GetValue<string>())).ToList();

    /// <summary>Who started the procedure (the actor of WorkflowStarted).</summary>
    public static string StartedBy(JsonObject instance) =>
        instance["journal"]!.AsArray().First(j => j!["eventName"]!.GetValue<string>() == "WorkflowStarted")!["actor"]!.GetValue<string>();

    /// <summary>The payloads a step was resumed with (its result events or received figures), in order.</summary>
    public static List<JsonObject> ResultsOf(JsonObject instance, string activityId) =>
        instance["journal"]!.AsArray().Where(j => j!["eventName"]!.GetValue<string>() == "Resumed" && j["activityId"]!.GetValue<string>() == activityId)
            .Select(j => JsonNode.Parse(j!["payloadJson"]!.GetValue<string>())!.AsObject()).ToList();

    public static string RepositoryFolder(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Orchestration.sln")))
                return Path.Combine(directory.FullName, name);
        throw new InvalidOperationException("No Orchestration.sln above the test binaries.");
    }
}

/// <summary>Spans exported concurrently by several hosts.</summary>
public sealed class SpanLog : ICollection<Activity>
{
    readonly List<Activity> spans = [];

    public IReadOnlyList<Activity> Snapshot() { lock (spans) return spans.DistinctBy(s => s.SpanId).ToList(); }

    public void Add(Activity item) { lock (spans) spans.Add(item); }

    public void Clear() { lock (spans) spans.Clear(); }

    public bool Contains(Activity item) { lock (spans) return spans.Contains(item); }

    public void CopyTo(Activity[] array, int arrayIndex) { lock (spans) spans.CopyTo(array, arrayIndex); }

    public bool Remove(Activity item) { lock (spans) return spans.Remove(item); }

    public int Count { get { lock (spans) return spans.Count; } }

    public bool IsReadOnly => false;

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One service of the system: its real Program, its database, its queues (a fixed prefix, so a restart finds them), the shared clock.</summary>
public sealed class SystemHost<TProgram> : ServiceHost<TProgram> where TProgram : class
{
    readonly ServersFixture servers;
    readonly string name;
    readonly string amqpUri;
    readonly string endpointPrefix;
    readonly FakeTimeProvider clock;
    readonly Action<IWebHostBuilder>? configure;

    public SystemHost(ServersFixture servers, string name, string database, string amqpUri, string endpointPrefix, FakeTimeProvider clock,
        Action<IWebHostBuilder>? configure) : base(servers, name)
    {
        (this.servers, this.name, Database, this.amqpUri, this.endpointPrefix, this.clock, this.configure) =
            (servers, name, database, amqpUri, endpointPrefix, clock, configure);
    }

    public string Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"ConnectionStrings:{name}", Database);
        builder.UseSetting("ConnectionStrings:RabbitMq", amqpUri);
        builder.UseSetting("Messaging:EndpointPrefix", endpointPrefix);
        configure?.Invoke(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
    }

    /// <summary>A new host of the same service over the same database and queues.</summary>
    public SystemHost<TProgram> Again() => new(servers, name, Database, amqpUri, endpointPrefix, clock, configure);
}
