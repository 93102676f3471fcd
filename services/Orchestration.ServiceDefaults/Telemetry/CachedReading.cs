using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Orchestration.ServiceDefaults.Telemetry;

/// <summary>Settings of the instruments (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// How long a gauge read from the database (outbox backlog, instances, timers, incidents) is reused: one aggregate query per
    /// reading, however many gauges and scrapers ask in the meantime.
    /// </summary>
    public TimeSpan ReadingMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A timer or trigger due longer ago than this counts as overdue.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The <c>service.name</c> attribute the gauges read from a database carry: the same in every pod of a service, it tells apart
    /// the hosts that share one process (the embedded host's services, test hosts), whose meters of one name all report.
    /// </summary>
    public static KeyValuePair<string, object?> ServiceTag(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        new("service.name", configuration[ServiceIdentity.NameKey]);
}

/// <summary>
/// What an observable gauge reports when it is collected (a Prometheus scrape, an OTLP export): one aggregate read, reused for
/// <see cref="MetricsOptions.ReadingMaxAge"/>, so neither scrapers nor the number of gauges multiply the queries, and no request or
/// consumer ever waits for it. A failed read is logged and reports nothing until the next one succeeds (no stale numbers).
/// </summary>
public sealed class CachedReading<T>(Func<T> read, TimeSpan maxAge, ILogger logger, string what) where T : class
{
    readonly Lock gate = new();
    T? value;
    long readAt;
    bool hasRead;

    public T? Current()
    {
        lock (gate)
        {
            if (hasRead && Stopwatch.GetElapsedTime(readAt) < maxAge) return value;
            hasRead = true;
            readAt = Stopwatch.GetTimestamp();
            try
            {
                value = read();
            }
            catch (ObjectDisposedException)
            {
                value = null; // the host is stopping: its gauges leave with it
            }
            catch (Exception ex)
            {
                value = null;
                logger.LogWarning(ex, "Reading {What} for the metrics failed; the gauges report nothing until the next reading", what);
            }
            return value;
        }
    }
}

/// <summary>
/// Observable gauges on a process-wide meter, each fed by the hosts that observe it: a host adds its source when it starts and
/// removes it when it is disposed. One process runs one host in production; several (the embedded host's services, test hosts)
/// share each gauge, told apart by their attributes (<see cref="MetricsOptions.ServiceTag"/>), and a host that stops takes
/// only its own series with it, never the gauge.
/// </summary>
public static class SharedGauges
{
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<object>> Sources = new();

    public static IDisposable Observe<T>(System.Diagnostics.Metrics.Meter meter, string name, Func<IEnumerable<System.Diagnostics.Metrics.Measurement<T>>> source,
        string? unit = null, string? description = null) where T : struct
    {
        var key = $"{meter.Name}/{name}";
        var sources = Sources.GetOrAdd(key, _ =>
        {
            var list = new List<object>();
            meter.CreateObservableGauge(name, () =>
            {
                Func<IEnumerable<System.Diagnostics.Metrics.Measurement<T>>>[] current;
                lock (list) current = [.. list.Cast<Func<IEnumerable<System.Diagnostics.Metrics.Measurement<T>>>>()];
                return current.SelectMany(read => read()).ToList();
            }, unit, description);
            return list;
        });
        lock (sources) sources.Add(source);
        return new Removal(() => { lock (sources) sources.Remove(source); });
    }

    sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
