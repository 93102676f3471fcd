using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orchestration.Testing;

/// <summary>
/// Listens to the command pipeline's counter (<c>orchestration.commands</c>) while it lives and keeps the measurements of one
/// command: through which door (http or bus) it came, its outcome (applied or refused) and the refusing rule.
/// </summary>
public sealed class CommandCounts : IDisposable
{
    readonly MeterListener listener = new();
    readonly ConcurrentBag<(string Door, string Outcome, string Rule)> counted = [];

    public CommandCounts(string command)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "orchestration.commands") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var tag = new Dictionary<string, object?>();
            foreach (var t in tags) tag[t.Key] = t.Value;
            if (tag.GetValueOrDefault("command") as string == command)
                counted.Add((tag.GetValueOrDefault("door") as string ?? "", tag.GetValueOrDefault("outcome") as string ?? "",
                    tag.GetValueOrDefault("rule") as string ?? ""));
        });
        listener.Start();
    }

    /// <summary>What was counted so far.</summary>
    public IReadOnlyCollection<(string Door, string Outcome, string Rule)> Counted => [.. counted];

    public void Dispose() => listener.Dispose();
}
