using System.Text.Json.Nodes;

namespace Orchestration.Workflows.Definitions;

public sealed record ActivityNode(string Id, string Type, string NodeId, string? Name, JsonObject Json);

public sealed record Connection(string Source, string SourcePort, string Target, string TargetPort);

/// <summary>The executable view of a definition's root flowchart.</summary>
public sealed class Flowchart
{
    Flowchart(string definitionId, IReadOnlyDictionary<string, ActivityNode> activities, IReadOnlyList<Connection> connections, IReadOnlyList<string> inputNames)
    {
        DefinitionId = definitionId;
        InputNames = inputNames;
        Activities = activities;
        Connections = connections;
    }

    public string DefinitionId { get; }

    public IReadOnlyDictionary<string, ActivityNode> Activities { get; }

    public IReadOnlyList<Connection> Connections { get; }

    /// <summary>The inputs the definition declares (<c>inputs[].name</c>).</summary>
    public IReadOnlyList<string> InputNames { get; }

    public IEnumerable<Connection> From(string activityId, string port) =>
        Connections.Where(c => c.Source == activityId && string.Equals(c.SourcePort, port, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<Connection> Into(string activityId) => Connections.Where(c => c.Target == activityId);

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> reachable = new(StringComparer.Ordinal);

    /// <summary>True when a path of connections leads from <paramref name="from"/> to <paramref name="to"/> (at least one step).</summary>
    public bool Reaches(string from, string to) => reachable.GetOrAdd(from, start =>
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([start]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var next in Connections.Where(c => c.Source == current).Select(c => c.Target))
                if (seen.Add(next)) pending.Push(next);
        }
        return seen;
    }).Contains(to);

    /// <summary>Where a run begins: the Start activity, else every activity nothing leads into.</summary>
    public IReadOnlyList<ActivityNode> Entry()
    {
        var start = Activities.Values.Where(a => a.Type == "Elsa.Start").ToList();
        if (start.Count > 0) return start;
        var targets = Connections.Select(c => c.Target).ToHashSet();
        return Activities.Values.Where(a => !targets.Contains(a.Id)).ToList();
    }

    /// <summary>Parses a normalized definition (see <see cref="ElsaJson.Normalize"/>).</summary>
    public static Flowchart Parse(JsonObject definition)
    {
        var root = definition["root"] as JsonObject ?? throw new InvalidDataException("The definition has no root.");
        if (root.Text("type") != ElsaJson.FlowchartType)
            throw new InvalidDataException($"The root must be a {ElsaJson.FlowchartType}, not {root.Text("type")}.");

        var activities = new Dictionary<string, ActivityNode>();
        foreach (var activity in (root["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = activity.Text("id") ?? throw new InvalidDataException("An activity has no id.");
            activities[id] = new ActivityNode(id, activity.Text("type") ?? "", activity.Text("nodeId") ?? id, activity.Text("name"), activity);
        }

        var connections = (root["connections"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new Connection(
            c["source"].Text("activity") ?? "", c["source"].Text("port") ?? "Done",
            c["target"].Text("activity") ?? "", c["target"].Text("port") ?? "In")).ToList();

        var inputNames = (definition["inputs"] as JsonArray ?? []).Select(i => i.Text("name")).OfType<string>().ToList();
        return new Flowchart(definition.Text("definitionId") ?? "", activities, connections, inputNames);
    }
}
