using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Telemetry;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Runtime;

/// <summary>The workflow runtime's instruments (meter <c>Orchestration.Workflows</c>, exported with every <c>Orchestration.*</c> meter).</summary>
public static class WorkflowMetrics
{
    public const string MeterName = "Orchestration.Workflows";

    internal static readonly Meter Meter = new(MeterName);

    /// <summary>Instances an alteration plan applied to, by outcome: <c>altered</c>, <c>refused</c> (why is in the job), <c>failed</c>.</summary>
    public static readonly Counter<long> Alterations = Meter.CreateCounter<long>("orchestration.workflows.alterations", description: "Instances alteration plans applied to");

    /// <summary>A timer that failed to fire (it is tried again, and parked with an incident at the limit).</summary>
    public static readonly Counter<long> TimerFailures = Meter.CreateCounter<long>("orchestration.workflows.timer.failures", description: "Timers that failed to fire");

    /// <summary>
    /// Incidents opened, by kind: <c>timer</c>, <c>activity</c>, and the message kinds (<see cref="IncidentKinds"/>): <c>command</c> (a
    /// service could not handle a step's command), <c>result</c> and <c>event</c> (the workflow server could not consume one), <c>outbox</c>
    /// (a service's outbox dead-lettered a procedure's message).
    /// </summary>
    public static readonly Counter<long> Incidents = Meter.CreateCounter<long>("orchestration.workflows.incidents", description: "Incidents opened on instances");

    /// <summary>Incidents answered over the API, by kind and action (<c>retry</c>, <c>skip</c>).</summary>
    public static readonly Counter<long> IncidentActions = Meter.CreateCounter<long>("orchestration.workflows.incident.actions", description: "Incidents retried or skipped");

    /// <summary>How late a timer or calendar trigger fired after its due time, by <c>kind</c> (<c>timer</c>, <c>trigger</c>).</summary>
    public static readonly Histogram<double> TimerLateness = Meter.CreateHistogram<double>("orchestration.workflows.timer.lateness", unit: "s",
        description: "Time between a timer's due time and its firing", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
        });

    /// <summary>Services' answers applied in one transaction (<see cref="ResultBatches"/>).</summary>
    public static readonly Histogram<int> ResultBatchSize = Meter.CreateHistogram<int>("orchestration.workflows.result_batch.size",
        description: "Services' answers applied in one transaction", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });

    /// <summary>One activity's execution or resumption, by <c>workflow.activity.type</c> and <c>outcome</c> (<c>ok</c>, <c>faulted</c>).</summary>
    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("orchestration.workflows.step.duration", unit: "s",
        description: "Time to execute or resume one activity", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        });

    /// <summary>Journal checks (C1) asked for over the API, by <c>result</c>: <c>intact</c> or <c>broken</c>.</summary>
    public static readonly Counter<long> JournalVerifications = Meter.CreateCounter<long>("orchestration.workflows.journal.verifications",
        unit: "{verification}", description: "Journal hash-chain verifications, by result");

    public static void RecordLateness(string kind, DateTimeOffset? dueAt, DateTimeOffset firedAt)
    {
        if (dueAt is { } due) TimerLateness.Record(Math.Max(0, (firedAt - due).TotalSeconds), new KeyValuePair<string, object?>("kind", kind));
    }
}

/// <summary>The time one step takes, recorded on <see cref="WorkflowMetrics.StepDuration"/> when it is disposed, with its span.</summary>
internal sealed class StepMeasurement(Activity? span, string activityType) : IDisposable
{
    readonly long started = Stopwatch.GetTimestamp();
    string outcome = "ok";

    public Activity? Span => span;

    public void Faulted(string message)
    {
        outcome = "faulted";
        span?.SetStatus(ActivityStatusCode.Error, message);
    }

    public void Dispose()
    {
        WorkflowMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("workflow.activity.type", activityType), new KeyValuePair<string, object?>("outcome", outcome));
        span?.Dispose();
    }
}

/// <summary>
/// What the runbook used to answer with SQL, as gauges read at collection (one aggregate query per table and reading, reused for
/// <see cref="MetricsOptions.ReadingMaxAge"/>): instances not ended by definition and status, bookmarks waiting by kind, timers and
/// calendar triggers pending and overdue with the lateness of the most overdue, open incidents by kind.
/// </summary>
internal sealed class WorkflowGauges : IHostedService, IDisposable
{
    readonly List<IDisposable> gauges = [];

    sealed record Snapshot(
        List<(string DefinitionId, WorkflowStatus Status, long Count)> Instances,
        List<(string Kind, long Count)> Bookmarks,
        List<(string Kind, long Pending, long Overdue, DateTimeOffset? OldestDue)> Timers,
        List<(string Kind, long Count)> Incidents);

    static readonly WorkflowStatus[] Open = [WorkflowStatus.Running, WorkflowStatus.Suspended, WorkflowStatus.Faulted];

    readonly CachedReading<Snapshot> reading;
    readonly TimeProvider time;

    public WorkflowGauges(IServiceScopeFactory scopes, TimeProvider time, IOptions<MetricsOptions> options,
        Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<WorkflowGauges> logger)
    {
        this.time = time;
        var service = MetricsOptions.ServiceTag(configuration);
        var overdueAfter = options.Value.OverdueAfter;
        reading = new CachedReading<Snapshot>(() => Read(scopes, time.GetUtcNow() - overdueAfter), options.Value.ReadingMaxAge, logger, "the workflow instances");
        var meter = WorkflowMetrics.Meter;
        gauges.Add(SharedGauges.Observe(meter, "orchestration.workflows.instances", () => Measure(s => s.Instances.Select(i => new Measurement<long>(i.Count,
                new("workflow.definition.id", i.DefinitionId), new("workflow.status", i.Status.ToString()), service))),
            unit: "{instance}", description: "Instances not ended (Running, Suspended, Faulted), by definition and status"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.workflows.bookmarks", () => Measure(s => s.Bookmarks.Select(b => new Measurement<long>(b.Count,
                new KeyValuePair<string, object?>("kind", b.Kind), service))),
            unit: "{bookmark}", description: "Waits of instances (timers, events, domain results, ...), by kind"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.workflows.timers.pending", () => Measure(s => s.Timers.Select(t => new Measurement<long>(t.Pending,
                new KeyValuePair<string, object?>("kind", t.Kind), service))),
            unit: "{timer}", description: "Timers (kind timer) and calendar triggers (kind trigger) with a due time"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.workflows.timers.overdue", () => Measure(s => s.Timers.Select(t => new Measurement<long>(t.Overdue,
                new KeyValuePair<string, object?>("kind", t.Kind), service))),
            unit: "{timer}", description: "Timers and calendar triggers due longer ago than Metrics:OverdueAfter (1 minute) and not fired"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.workflows.timers.max_lateness", () => Measure(s => s.Timers.Select(t => new Measurement<double>(
                t.OldestDue is { } due ? Math.Max(0, (this.time.GetUtcNow() - due).TotalSeconds) : 0, new KeyValuePair<string, object?>("kind", t.Kind), service))),
            unit: "s", description: "How long ago the earliest pending timer fell due (0 when none is due)"));
        gauges.Add(SharedGauges.Observe(meter, "orchestration.workflows.incidents.open", () => Measure(s => s.Incidents.Select(i => new Measurement<long>(i.Count,
                new KeyValuePair<string, object?>("kind", i.Kind), service))),
            unit: "{incident}", description: "Incidents not yet resolved, by kind"));
    }

    IEnumerable<Measurement<T>> Measure<T>(Func<Snapshot, IEnumerable<Measurement<T>>> measure) where T : struct =>
        reading.Current() is { } snapshot ? measure(snapshot) : [];

    static Snapshot Read(IServiceScopeFactory scopes, DateTimeOffset overdueBefore)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        var instances = db.Instances.AsNoTracking().Where(i => Open.Contains(i.Status))
            .GroupBy(i => new { i.DefinitionId, i.Status }).Select(g => new { g.Key.DefinitionId, g.Key.Status, Count = g.LongCount() }).ToList();
        var bookmarks = db.Bookmarks.AsNoTracking().GroupBy(b => b.Kind).Select(g => new
        {
            Kind = g.Key,
            Count = g.LongCount(),
            Pending = g.LongCount(b => b.DueAt != null),
            Overdue = g.LongCount(b => b.DueAt < overdueBefore),
            OldestDue = g.Where(b => b.DueAt <= now).Min(b => b.DueAt),
        }).ToList();
        var triggers = db.Triggers.AsNoTracking().Where(t => t.Kind == TriggerKinds.Timer).GroupBy(t => 1).Select(g => new
        {
            Pending = g.LongCount(),
            Overdue = g.LongCount(t => t.DueAt < overdueBefore),
            OldestDue = g.Where(t => t.DueAt <= now).Min(t => (DateTimeOffset?)t.DueAt),
        }).SingleOrDefault();
        var incidents = db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null).GroupBy(i => i.Kind)
            .Select(g => new { Kind = g.Key, Count = g.LongCount() }).ToList();

        var timer = bookmarks.SingleOrDefault(b => b.Kind == BookmarkKinds.Timer);
        return new Snapshot(
            instances.Select(i => (i.DefinitionId, i.Status, i.Count)).ToList(),
            bookmarks.Select(b => (b.Kind, b.Count)).ToList(),
            [("timer", timer?.Pending ?? 0, timer?.Overdue ?? 0, timer?.OldestDue), ("trigger", triggers?.Pending ?? 0, triggers?.Overdue ?? 0, triggers?.OldestDue)],
            incidents.Select(i => (i.Kind, i.Count)).ToList());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => gauges.ForEach(g => g.Dispose());
}
