using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.ServiceDefaults.Telemetry;

/// <summary>A DbContext whose outbox the gauges of <see cref="OutboxGauges"/> report (one per <c>AddServiceDatabase</c>).</summary>
internal sealed record OutboxContext(Type ContextType);

/// <summary>
/// The outbox of every service database as gauges, by <c>context</c> (and <c>service.name</c>): rows waiting to be published, the age of the oldest, and the
/// dead-lettered rows kept. One aggregate query per database and reading (<see cref="CachedReading{T}"/>), on the pending rows only.
/// </summary>
internal sealed class OutboxGauges : IHostedService, IDisposable
{
    readonly List<IDisposable> gauges = [];

    sealed record Backlog(long Pending, DateTimeOffset? Oldest, long DeadLettered);

    readonly List<(string Context, CachedReading<Backlog> Reading)> readings;
    readonly TimeProvider time;
    readonly KeyValuePair<string, object?> service;

    public OutboxGauges(IEnumerable<OutboxContext> contexts, IServiceScopeFactory scopes, TimeProvider time,
        IOptions<MetricsOptions> options, Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<OutboxGauges> logger)
    {
        this.time = time;
        service = MetricsOptions.ServiceTag(configuration);
        readings = contexts.DistinctBy(c => c.ContextType).Select(c => (c.ContextType.Name, new CachedReading<Backlog>(
            () => Read(scopes, c.ContextType), options.Value.ReadingMaxAge, logger, $"the outbox of {c.ContextType.Name}"))).ToList();
        var meter = OrchestrationTelemetry.Meter;
        gauges.Add(SharedGauges.Observe(meter, "orchestration.outbox.pending", () => Measure(b => b.Pending), unit: "{message}",
            description: "Outbox rows committed and not yet published (dead-lettered rows not counted)"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.outbox.oldest_age", () => Measure(b => b.Oldest is { } oldest ? Math.Max(0, (this.time.GetUtcNow() - oldest).TotalSeconds) : 0),
            unit: "s", description: "Age of the oldest outbox row not yet published; 0 when none waits"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.outbox.dead_letter_rows", () => Measure(b => b.DeadLettered), unit: "{message}",
            description: "Dead-lettered outbox rows kept (no longer tried) until an operator requeues them"));
    }

    IEnumerable<Measurement<T>> Measure<T>(Func<Backlog, T> value) where T : struct =>
        readings.Select(r => (r.Context, Backlog: r.Reading.Current())).Where(r => r.Backlog is not null)
            .Select(r => new Measurement<T>(value(r.Backlog!), new KeyValuePair<string, object?>("context", r.Context), service));

    static Backlog Read(IServiceScopeFactory scopes, Type contextType)
    {
        using var scope = scopes.CreateScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
        db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
        // Published rows are never read: the filter matches the partial index of pending rows.
        var row = db.Set<OutboxMessage>().AsNoTracking().Where(o => o.DispatchedAt == null).GroupBy(o => 1).Select(g => new
        {
            Pending = g.LongCount(o => o.DeadLetteredAt == null),
            Oldest = g.Where(o => o.DeadLetteredAt == null).Min(o => (DateTimeOffset?)o.CreatedAt),
            DeadLettered = g.LongCount(o => o.DeadLetteredAt != null),
        }).SingleOrDefault();
        return row is null ? new Backlog(0, null, 0) : new Backlog(row.Pending, row.Oldest, row.DeadLettered);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => gauges.ForEach(g => g.Dispose());
}

/// <summary>
/// The last result of the broker and operations health checks (run every 15 seconds by the health publisher) as the gauge <c>orchestration.health.status</c>
/// by <c>check</c> (and <c>service.name</c>): 2 healthy, 1 degraded, 0 unhealthy. The broker (<c>rabbitmq</c>, <c>masstransit-bus</c>) and the official calendar
/// are alerted on from it, since neither takes a pod out of service. Beside it, <c>orchestration.calendar.provisional</c> by <c>year</c>.
/// </summary>
internal sealed class HealthMetrics : IHealthCheckPublisher, IDisposable
{
    readonly ConcurrentDictionary<string, HealthStatus> last = new();
    readonly List<IDisposable> gauges = [];

    public HealthMetrics(IWorkingDayCalendar calendar, CountyClock clock, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var meter = OrchestrationTelemetry.Meter;
        var service = MetricsOptions.ServiceTag(configuration);
        gauges.Add(SharedGauges.Observe(meter, "orchestration.health.status",
            () => last.Select(pair => new Measurement<int>((int)pair.Value, new KeyValuePair<string, object?>("check", pair.Key), service)),
            unit: "{status}", description: "Last result of each health check: 2 healthy, 1 degraded, 0 unhealthy"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.calendar.provisional",
            () => CalendarHealthCheck.YearsToWatch(clock).Select(year => new Measurement<int>(
                CalendarHealthCheck.MissingYears(calendar, clock).Contains(year) ? 1 : 0, new KeyValuePair<string, object?>("year", year), service)),
            unit: "{year}", description: "1 while a year that must be official (this one; the next from 1 November) is counted on provisional holidays"));
    }

    public void Dispose() => gauges.ForEach(g => g.Dispose());

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries) last[name] = entry.Status;
        return Task.CompletedTask;
    }
}

/// <summary>Counters of the inbox: messages that arrived again after they were applied, dropped without effect.</summary>
public static class InboxMetrics
{
    /// <summary>A redelivered or duplicated message found in the inbox and acknowledged without effect, by <c>message_type</c>.</summary>
    public static readonly Counter<long> Duplicates = OrchestrationTelemetry.Meter.CreateCounter<long>(
        "orchestration.inbox.duplicates", unit: "{message}", description: "Messages found already applied in the inbox and dropped");
}

public static class PartnerEventMetrics
{
    /// <summary>A partner's event that can never be applied (unreadable, invalid, without a CloudEvent id), answered DROP, by <c>topic</c>.</summary>
    public static readonly Counter<long> Dropped = OrchestrationTelemetry.Meter.CreateCounter<long>(
        "orchestration.partner_events.dropped", unit: "{event}", description: "Partner events dropped as never applicable (answered DROP to the Dapr sidecar)");
}

internal static class OperationsMetricsSetup
{
    /// <summary>The health gauge, the calendar gauge and the publisher that feeds them; the outbox gauges come with each database.</summary>
    public static void AddOperationsMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration("Metrics");
        services.AddSingleton<HealthMetrics>();
        services.AddSingleton<IHealthCheckPublisher>(provider => provider.GetRequiredService<HealthMetrics>());
        // The checks that never take a pod out of service; readiness (the databases) is the kubelet's to watch.
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.FromSeconds(2);
            publisher.Period = TimeSpan.FromSeconds(15);
            publisher.Predicate = check => check.Tags.Contains(Health.HealthEndpoints.BrokerTag) || check.Tags.Contains(Health.HealthEndpoints.OperationsTag);
        });
    }
}
