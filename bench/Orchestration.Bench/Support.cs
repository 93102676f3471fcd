using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestration.Bench;

/// <summary>The system clock, moved forward on demand so that timers created now fall due together.</summary>
public sealed class ShiftableClock(long offsetTicks = 0) : TimeProvider
{
    long offset = offsetTicks;

    /// <summary>How far the clock runs ahead of the system clock.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offset));

    public void Shift(TimeSpan by) => Interlocked.Add(ref offset, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offset));
}

/// <summary>A measurement that did not hold: a journal that does not verify, a run that did not finish.</summary>
public sealed class BenchFailure(string message) : Exception(message);

/// <summary>Flowcharts in Elsa 3's JSON for the measurements.</summary>
public static class BenchDefinitions
{
    /// <summary>The given steps in a row, each connected to the next on <paramref name="port"/>, then an End.</summary>
    public static JsonObject Chain(string definitionId, string[] steps, string type, string port, JsonObject literals, string expressionType = "Literal")
    {
        JsonObject Node(string id, string activityType, JsonObject? inputs)
        {
            var node = new JsonObject { ["id"] = id, ["type"] = activityType, ["version"] = 1, ["name"] = id };
            foreach (var (name, value) in inputs ?? [])
                node[name] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value?.DeepClone() } };
            return node;
        }

        var activities = new JsonArray([.. steps.Select(s => (JsonNode)Node(s, type, literals)), Node("end", "Elsa.End", null)]);
        var targets = steps.Skip(1).Append("end").ToArray();
        var connections = new JsonArray([.. steps.Select((s, i) => (JsonNode)new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = s, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = targets[i], ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        })]);
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
        };
    }

    /// <summary>One Delay of <paramref name="wait"/>, then an End.</summary>
    public static JsonObject Delay(string definitionId, TimeSpan wait) =>
        Chain(definitionId, ["wait"], "Elsa.Delay", "Done", new JsonObject { ["timeSpan"] = wait.ToString("c", CultureInfo.InvariantCulture) });

    /// <summary>One Start At whose moment is the instance's input <c>dueAt</c>, then an End.</summary>
    public static JsonObject DueAt(string definitionId) =>
        Chain(definitionId, ["wait"], "Elsa.StartAt", "Done", new JsonObject { ["dateTime"] = "getInput('dueAt')" }, expressionType: "JavaScript");
}

/// <summary>Percentiles of a sorted sample.</summary>
public static class Percentile
{
    public static double Of(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * fraction) - 1, 0, sorted.Count - 1)];
}
