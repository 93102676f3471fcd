using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;

namespace Orchestration.Chaos.Tests;

/// <summary>
/// The workflow server with the procedures of <c>workflows/</c> and the five domain services, each its own OS process with its own
/// fresh PostgreSQL database, all on a RabbitMQ node of the test's own (so stopping the broker disturbs no other test). Calls to
/// the processes retry through a process being down: creating requests carry an <c>Idempotency-Key</c>, so a retried request
/// whose first answer was lost in a crash is applied once. Every wait and every retry also ends when the run is stopped
/// (<see cref="StopAfter"/>), so the run as a whole has a deadline.
/// </summary>
public sealed class ChaosSystem : IAsyncDisposable
{
    public const string Tenant = "county-chaos";

    /// <summary>
    /// How long one call or one wait may take through kills and restarts before it counts as lost: 150 s on a machine where the six
    /// processes start within a minute, longer in proportion where they start slower (a killed process restarts as slowly).
    /// </summary>
    public TimeSpan Patience { get; private set; } = TimeSpan.FromSeconds(150);

    /// <summary>How much slower than usual this machine started the six processes (1 when within a minute).</summary>
    public double Slowness { get; private set; } = 1;

    readonly string sealDirectory = Path.Combine(Path.GetTempPath(), $"orchestration-chaos-seals-{Guid.NewGuid():N}");

    readonly CancellationTokenSource stopping = new();

    ChaosSystem(DedicatedRabbitMqNode broker) => Broker = broker;

    /// <summary>Cancelled when the run's deadline passes: every call and every wait then ends at once.</summary>
    public CancellationToken Stopping => stopping.Token;

    /// <summary>Stops every call and wait of the run once <paramref name="deadline"/> has passed.</summary>
    public void StopAfter(TimeSpan deadline) => stopping.CancelAfter(deadline);

    readonly List<string> serverErrors = [];

    /// <summary>Every 5xx a process answered while it was up: a process that is killed answers nothing, it never answers 500.</summary>
    public IReadOnlyList<string> ServerErrors
    {
        get { lock (serverErrors) return [.. serverErrors]; }
    }

    void ServerError(string answer)
    {
        lock (serverErrors) serverErrors.Add(answer);
    }

    public DedicatedRabbitMqNode Broker { get; }

    public ServiceProcess Workflows { get; private set; } = null!;
    public ServiceProcess Nomination { get; private set; } = null!;
    public ServiceProcess Vetting { get; private set; } = null!;
    public ServiceProcess Audit { get; private set; } = null!;
    public ServiceProcess Disposition { get; private set; } = null!;
    public ServiceProcess VillagePay { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> All => [Workflows, Nomination, Vetting, Audit, Disposition, VillagePay];

    public static async Task<ChaosSystem> StartAsync()
    {
        var postgres = new PostgresFixture();
        await postgres.InitializeAsync();
        var system = new ChaosSystem(await DedicatedRabbitMqNode.StartAsync());
        var run = Guid.NewGuid().ToString("N")[..8];
        ServiceProcess Service(string name, string project, params (string Key, string Value)[] extra)
        {
            var settings = new Dictionary<string, string>
            {
                [$"ConnectionStrings:{name}"] = postgres.NewDatabase($"chaos_{name.ToLowerInvariant()}"),
                ["ConnectionStrings:RabbitMq"] = system.Broker.AmqpUri,
                ["Database:Provider"] = "Postgres",
                ["Messaging:Transport"] = "RabbitMq",
                ["Messaging:EndpointPrefix"] = $"chaos-{run}-{name.ToLowerInvariant()}",
                ["Messaging:QuorumQueues"] = "false", // as every test host: classic durable queues on the test's node
                ["Outbox:PollInterval"] = "00:00:00.200",
            };
            foreach (var (key, value) in extra) settings[key] = value;
            return new ServiceProcess(name, project, settings);
        }

        // The county's yearly quota of decision sessions (N2, five by default) would refuse the sixth appointment motion of the
        // suite: the quota is a setting, raised here so that every appointment the suite drives can be decided.
        system.Nomination = Service("Nomination", "Orchestration.Nomination", ("Nomination:DecisionSessionsPerYear", "1000"));
        system.Vetting = Service("Vetting", "Orchestration.Vetting");
        system.Audit = Service("Audit", "Orchestration.Audit");
        system.Disposition = Service("Disposition", "Orchestration.Disposition");
        system.VillagePay = Service("VillagePay", "Orchestration.VillagePay");
        system.Workflows = Service("Workflows", "Orchestration.WorkflowServer",
            ("Workflows:DefinitionsDirectory", RepositoryFolder("workflows")),
            ("Workflows:TimerPollInterval", "00:00:00.200"),
            ("Workflows:TriggerTenants:0", Tenant),
            // Checkpoints of the journal are written every two seconds, so kills land while they are being appended.
            ("Journal:SealDirectory", system.sealDirectory),
            ("Journal:SealInterval", "00:00:02"));
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            foreach (var service in system.All) service.Start();
            await Task.WhenAll(system.All.Select(s => s.ReadyAsync(TimeSpan.FromSeconds(180))));
            system.Slowness = Math.Max(1, started.Elapsed.TotalSeconds / 60);
            system.Patience = TimeSpan.FromSeconds(150 * system.Slowness);
            return system;
        }
        catch
        {
            await system.DisposeAsync(); // no process and no broker node outlives a start that failed
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new[] { Workflows, Nomination, Vetting, Audit, Disposition, VillagePay })
            if (service is not null) await service.DisposeAsync();
        await Broker.DisposeAsync();
        stopping.Dispose();
        if (Directory.Exists(sealDirectory)) Directory.Delete(sealDirectory, recursive: true);
    }

    // ---- calls that outlast a process being killed

    /// <summary>A bearer token of <paramref name="subject"/> in the county with <paramref name="roles"/>.</summary>
    public static string Token(string subject, params string[] roles) => TestTokens.For(subject, Tenant, roles);

    public static string Department => Token("clerk-gao", Roles.OrganizationDepartment, Roles.Administrator);

    /// <summary>
    /// POSTs <paramref name="body"/> until the service answers: connection failures, timeouts, 5xx and "being applied" (409) are
    /// retried with the same idempotency key; any other failure is the answer.
    /// </summary>
    public async Task<JsonObject> PostAsync(ServiceProcess service, string path, object body, string token)
    {
        var key = Guid.NewGuid().ToString("N");
        return await Retrying<JsonObject>(service, $"POST {path}", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            return await service.Http.SendAsync(request, Stopping);
        });
    }

    public async Task<JsonNode> GetAsync(ServiceProcess service, string path, string token) =>
        await Retrying<JsonNode>(service, $"GET {path}", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await service.Http.SendAsync(request, Stopping);
        });

    /// <summary>
    /// Sends until the process answers, backing off from a quarter of a second to two seconds while it is down or restarting,
    /// for at most <see cref="Patience"/>. A 5xx is kept in <see cref="ServerErrors"/> and retried; ten of them in a row end the call.
    /// </summary>
    async Task<T> Retrying<T>(ServiceProcess service, string what, Func<Task<HttpResponseMessage>> send) where T : JsonNode
    {
        var deadline = DateTime.UtcNow + Patience;
        string last = "no answer";
        var errors = 0;
        var attempts = new List<string>(); // each attempt's outcome and when, to explain a call that never got through
        var pause = TimeSpan.FromMilliseconds(250);
        while (DateTime.UtcNow < deadline)
        {
            Stopping.ThrowIfCancellationRequested();
            try
            {
                using var response = await send();
                var text = await response.Content.ReadAsStringAsync(Stopping);
                if (response.IsSuccessStatusCode) return (T)(JsonNode.Parse(text.Length == 0 ? "{}" : text) ?? new JsonObject());
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.Conflict)
                    throw new InvalidOperationException($"{what} at {service.Name} answered {(int)response.StatusCode}: {text}");
                if (response.StatusCode == HttpStatusCode.Conflict && !text.Contains("being applied", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{what} at {service.Name} answered 409: {text}");
                last = $"{(int)response.StatusCode}: {text}";
                if ((int)response.StatusCode >= 500)
                {
                    ServerError($"{what} at {service.Name} answered {last}");
                    // A process that answers 500 again and again is not restarting: its error is the answer.
                    if (++errors >= 10) throw new InvalidOperationException($"{what} at {service.Name} answered {last}\n{service.Output()}");
                }
            }
            catch (HttpRequestException ex) { last = ex.Message; }
            catch (TaskCanceledException) when (!Stopping.IsCancellationRequested) { last = "timed out"; }
            attempts.Add($"{DateTime.UtcNow:HH:mm:ss.f} {(last.Length > 40 ? last[..40] : last)}");
            await Task.Delay(pause, Stopping);
            pause = TimeSpan.FromMilliseconds(Math.Min(2000, pause.TotalMilliseconds * 1.5));
        }
        throw new TimeoutException($"{what} at {service.Name} got no answer within {Patience}: {last}; its {attempts.Count} attempts: "
            + string.Join(" | ", attempts));
    }

    // ---- the workflow server

    public Task<JsonObject> InstanceAsync(Guid procedure) =>
        GetAsync(Workflows, $"/api/workflows/instances/{procedure}", Department).ContinueWith(t => t.Result.AsObject());

    public async Task<JsonArray> InstancesAsync(string definitionId, Guid? cadreId = null) =>
        (await GetAsync(Workflows, $"/api/workflows/instances?definitionId={definitionId}" + (cadreId is { } c ? $"&cadreId={c}" : ""), Department)).AsArray();

    public static bool WaitsAt(JsonObject instance, string activityId) =>
        instance["bookmarks"]!.AsArray().Any(b => b!["activityId"]!.GetValue<string>() == activityId);

    public static string Status(JsonObject instance) => instance["instance"]!["status"]!.GetValue<string>();

    /// <summary>Waits until the procedure waits at <paramref name="activityId"/>, or has finished when it is null.</summary>
    public async Task<JsonObject> ReachesAsync(Guid procedure, string? activityId, TimeSpan? patience = null)
    {
        var what = activityId is null ? $"procedure {procedure} to finish" : $"procedure {procedure} to wait at {activityId}";
        try
        {
            return await Until(async () =>
            {
                var instance = await InstanceAsync(procedure);
                return (activityId is null ? Status(instance) == "Finished" : WaitsAt(instance, activityId)) ? instance : null;
            }, what, patience);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Describe(await InstanceAsync(procedure))}", ex);
        }
    }

    /// <summary>Waits for the one instance of <paramref name="definitionId"/> started for the cadre.</summary>
    public Task<Guid> StartedForAsync(string definitionId, Guid cadre) =>
        UntilValue(async () =>
        {
            var instances = await InstancesAsync(definitionId, cadre);
            return instances.Count > 0 ? (Guid?)instances[0]!["id"]!.GetValue<Guid>() : null;
        }, $"a {definitionId} procedure for cadre {cadre}");

    /// <summary>
    /// Polls <paramref name="probe"/> until it yields a value, for at most <see cref="Patience"/>; slower than <see cref="Eventually"/>,
    /// since the processes share two cores with everything else while they are being killed.
    /// </summary>
    public async Task<T> Until<T>(Func<Task<T?>> probe, string what, TimeSpan? patience = null) where T : class
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(300, Stopping);
        }
    }

    public async Task<T> UntilValue<T>(Func<Task<T?>> probe, string what) where T : struct =>
        (await Until(async () => await probe() is { } value ? (object)value : null, what) as T?)!.Value;

    /// <summary>
    /// Records a person's step (raises the event its Event activity waits for) once: only while the procedure waits there, so an
    /// answer lost in a crash is never recorded a second time.
    /// </summary>
    public async Task RaiseAsync(Guid procedure, string waitsAt, string eventName, object payload, string token)
    {
        await ReachesAsync(procedure, waitsAt);
        var deadline = DateTime.UtcNow + Patience;
        var pause = TimeSpan.FromMilliseconds(250);
        while (DateTime.UtcNow < deadline)
        {
            if (!WaitsAt(await InstanceAsync(procedure), waitsAt)) return; // an earlier attempt was applied
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/events")
                {
                    Content = JsonContent.Create(new { eventName, correlationKey = procedure.ToString(), payload }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await Workflows.Http.SendAsync(request, Stopping);
                if (response.IsSuccessStatusCode) return;
                var text = await response.Content.ReadAsStringAsync(Stopping);
                if ((int)response.StatusCode < 500)
                    throw new InvalidOperationException($"{eventName} for {procedure} answered {(int)response.StatusCode}: {text}");
                ServerError($"{eventName} for {procedure} at {Workflows.Name} answered {(int)response.StatusCode}: {text}");
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!Stopping.IsCancellationRequested) { }
            await Task.Delay(pause, Stopping);
            pause = TimeSpan.FromMilliseconds(Math.Min(2000, pause.TotalMilliseconds * 1.5));
        }
        throw new TimeoutException($"{eventName} for procedure {procedure} could not be recorded within {Patience}.");
    }

    public static string Describe(JsonObject instance)
    {
        var journal = instance["journal"]!.AsArray().Select(j => $"  {j!["sequence"]} {j["eventName"]} {j["activityId"]} {j["message"]} {j["actor"]}");
        return $"status {Status(instance)}, bookmarks {instance["bookmarks"]!.ToJsonString()}, incidents {instance["incidents"]!.ToJsonString()}\n" +
               string.Join("\n", journal);
    }

    public static string RepositoryFolder(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Orchestration.sln")))
                return Path.Combine(directory.FullName, name);
        throw new InvalidOperationException("No Orchestration.sln above the test binaries.");
    }
}
