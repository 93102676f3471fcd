using System.Text.Json.Nodes;

namespace Orchestration.Workflows.Definitions;

/// <summary>
/// An activity of the definition, at any depth: a step of the root flowchart, or a child of a structured activity (Sequence, If,
/// Switch, ForEach, While, Fork, a nested Flowchart, an inline composite).
/// </summary>
public sealed record ActivityNode(string Id, string Type, string NodeId, string? Name, JsonObject Json)
{
    /// <summary>The structured activity that holds this one; null for a step of the root flowchart (or the root itself).</summary>
    public string? Container { get; init; }

    /// <summary>The inline composite whose variables, input and output this activity sees; null for the workflow's own.</summary>
    public string? Scope { get; init; }

    /// <summary>The activity type that runs it: its own type, or the composite runner for a published workflow used as an activity.</summary>
    public string Runner { get; init; } = Type;

    /// <summary>The children of a structured activity, in order, each with the slot it fills (<c>then</c>, <c>body</c>, <c>0</c> …).</summary>
    public IReadOnlyList<(string Slot, string Child)> Children { get; init; } = [];

    /// <summary>For an inline composite: the definition it runs (its inputs, outputs, variables and outcomes).</summary>
    public JsonObject? Definition { get; init; }

    /// <summary>The name expressions use for it (<c>get{Output}From{Name}()</c>): its name, else its id.</summary>
    public string DisplayName => Name is { Length: > 0 } name ? name : Id;
}

public sealed record Connection(string Source, string SourcePort, string Target, string TargetPort);

/// <summary>
/// The executable view of a definition: every activity at every depth by id, the connections of the root flowchart and of nested
/// flowcharts, and where a run begins. A published workflow used as an activity is read in place (its activities get the
/// composite's id as a prefix, <c>composite:child</c>) from the definition the resolver given to Parse finds.
/// </summary>
public sealed class Flowchart
{
    /// <summary>The runner of a published workflow used as an activity (Elsa's <c>WorkflowDefinitionActivity</c>).</summary>
    public const string CompositeRunner = "Elsa.WorkflowDefinitionActivity";

    /// <summary>How deep workflows used as activities may nest (a workflow that uses itself stops here).</summary>
    public const int MaxCompositeDepth = 8;

    Flowchart(string definitionId, IReadOnlyDictionary<string, ActivityNode> activities, IReadOnlyList<Connection> connections,
        IReadOnlyList<string> inputNames, IReadOnlyList<string> entries, IReadOnlyList<string> problems)
    {
        DefinitionId = definitionId;
        InputNames = inputNames;
        Activities = activities;
        Connections = connections;
        entryIds = entries;
        Problems = problems;
    }

    readonly IReadOnlyList<string> entryIds;

    public string DefinitionId { get; }

    public IReadOnlyDictionary<string, ActivityNode> Activities { get; }

    public IReadOnlyList<Connection> Connections { get; }

    /// <summary>The inputs the definition declares (<c>inputs[].name</c>).</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>What could not be read in place (a workflow used as an activity nested too deep).</summary>
    public IReadOnlyList<string> Problems { get; }

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

    /// <summary>True when <paramref name="activityId"/> is <paramref name="containerId"/> or held by it at any depth.</summary>
    public bool IsWithin(string activityId, string containerId)
    {
        for (var id = activityId; id is not null; id = Activities.GetValueOrDefault(id)?.Container)
            if (id == containerId) return true;
        return false;
    }

    /// <summary>The nearest container of <paramref name="activityId"/> whose runner is one of <paramref name="runners"/>.</summary>
    public ActivityNode? Enclosing(string activityId, params string[] runners)
    {
        for (var id = Activities.GetValueOrDefault(activityId)?.Container; id is not null; id = Activities.GetValueOrDefault(id)?.Container)
            if (Activities.GetValueOrDefault(id) is { } node && runners.Contains(node.Runner)) return node;
        return null;
    }

    /// <summary>Where a run begins: the root flowchart's Start activity, else every step of it that nothing leads into; or the root activity.</summary>
    public IReadOnlyList<ActivityNode> Entry() => entryIds.Select(id => Activities[id]).ToList();

    /// <summary>Where a nested flowchart begins: its Start activity, else every child of it that nothing leads into.</summary>
    public IReadOnlyList<string> EntriesOf(string flowchartId) => EntriesAmong(Activities.Values.Where(a => a.Container == flowchartId).Select(a => a.Id).ToList());

    IReadOnlyList<string> EntriesAmong(IReadOnlyList<string> ids)
    {
        var start = ids.Where(id => Activities[id].Type == "Elsa.Start").ToList();
        if (start.Count > 0) return start;
        var targets = Connections.Select(c => c.Target).ToHashSet();
        return ids.Where(id => !targets.Contains(id)).ToList();
    }

    /// <summary>Parses a normalized definition (see <see cref="ElsaJson.Normalize"/>) that uses no published workflow as an activity.</summary>
    public static Flowchart Parse(JsonObject definition) => Parse(definition, _ => null);

    /// <summary>
    /// Parses a normalized definition; <paramref name="resolve"/> gives the definition a workflow-as-activity stands for (an activity
    /// with a <c>workflowDefinitionId</c>), or null when there is none (the activity is then missing, unless its type is known).
    /// </summary>
    public static Flowchart Parse(JsonObject definition, Func<JsonObject, JsonObject?> resolve)
    {
        var root = definition["root"] as JsonObject ?? throw new InvalidDataException("The definition has no root.");
        var builder = new Builder(resolve);
        List<string> entries;
        if (root.Text("type") == ElsaJson.FlowchartType)
        {
            var children = builder.AddFlowchartContent(root, container: null, scope: null, prefix: "");
            entries = [.. new Flowchart("", builder.Activities, builder.Connections, [], [], []).EntriesAmong(children)];
        }
        else
        {
            entries = [builder.Add(root, container: null, scope: null, prefix: "", depth: 0)];
        }

        var inputNames = (definition["inputs"] as JsonArray ?? []).Select(i => i.Text("name")).OfType<string>().ToList();
        return new Flowchart(definition.Text("definitionId") ?? "", builder.Activities, builder.Connections, inputNames, entries, builder.Problems);
    }

    /// <summary>The definition id a workflow-as-activity names (<c>workflowDefinitionId</c> as text); null otherwise.</summary>
    public static string? CompositeDefinitionId(JsonObject activity) => activity.Text("workflowDefinitionId");

    /// <summary>Elsa's Execute Workflow: it starts a child instance (its <c>workflowDefinitionId</c> is an input, not a composite).</summary>
    public const string ExecuteWorkflowType = "Elsa.ExecuteWorkflow";

    /// <summary>Every activity object of a definition at any depth, without reading workflows used as activities.</summary>
    public static IEnumerable<JsonObject> ActivityObjects(JsonObject definition)
    {
        if (definition["root"] is not JsonObject root) yield break;
        var pending = new Stack<JsonObject>([root]);
        while (pending.Count > 0)
        {
            var activity = pending.Pop();
            yield return activity;
            foreach (var (_, child) in ChildSlots(activity)) pending.Push(child);
        }
    }

    /// <summary>The activities a structured activity holds, with their slots, as Elsa 3 writes them.</summary>
    static IEnumerable<(string Slot, JsonObject Child)> ChildSlots(JsonObject activity)
    {
        switch (activity.Text("type"))
        {
            case ElsaJson.FlowchartType:
            case "Elsa.Sequence":
                var i = 0;
                foreach (var child in (activity["activities"] as JsonArray ?? []).OfType<JsonObject>()) yield return ((i++).ToString(System.Globalization.CultureInfo.InvariantCulture), child);
                break;
            case "Elsa.If":
                if (activity["then"] is JsonObject then) yield return ("then", then);
                if (activity["else"] is JsonObject @else) yield return ("else", @else);
                break;
            case "Elsa.Switch":
                var c = 0;
                foreach (var @case in (activity["cases"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (@case["activity"] is JsonObject caseActivity) yield return (c.ToString(System.Globalization.CultureInfo.InvariantCulture), caseActivity);
                    c++;
                }
                if (activity["default"] is JsonObject fallback) yield return ("default", fallback);
                break;
            case "Elsa.ForEach":
            case "Elsa.For":
            case "Elsa.While":
            case "Elsa.ParallelForEach":
                if (activity["body"] is JsonObject body) yield return ("body", body);
                break;
            case Orchestration.Workflows.Activities.SendHttpRequestWithCasesActivity.Type:
                foreach (var @case in (activity["expectedStatusCodes"] as JsonArray ?? []).OfType<JsonObject>())
                    if (@case["activity"] is JsonObject caseActivity && Expressions.Expressions.AsInt(@case["statusCode"]) is { } code)
                        yield return (code.ToString(System.Globalization.CultureInfo.InvariantCulture), caseActivity);
                foreach (var outcome in new[] { Orchestration.Workflows.Activities.SendHttpRequestActivity.Unmatched, Orchestration.Workflows.Activities.SendHttpRequestActivity.FailedToConnect, Orchestration.Workflows.Activities.SendHttpRequestActivity.TimedOut })
                {
                    var slot = Orchestration.Workflows.Activities.SendHttpRequestWithCasesActivity.Slot(outcome);
                    if (activity[slot] is JsonObject handler) yield return (slot, handler);
                }
                break;
            case "Elsa.Fork":
                var b = 0;
                foreach (var branch in (activity["branches"] as JsonArray ?? []).OfType<JsonObject>()) yield return ((b++).ToString(System.Globalization.CultureInfo.InvariantCulture), branch);
                break;
        }
    }

    sealed class Builder(Func<JsonObject, JsonObject?> resolve)
    {
        public Dictionary<string, ActivityNode> Activities { get; } = new(StringComparer.Ordinal);

        public List<Connection> Connections { get; } = [];

        public List<string> Problems { get; } = [];

        /// <summary>Adds the activities and connections of a flowchart; returns the ids of its direct children.</summary>
        public List<string> AddFlowchartContent(JsonObject flowchart, string? container, string? scope, string prefix, int depth = 0)
        {
            var children = new List<string>();
            foreach (var activity in (flowchart["activities"] as JsonArray ?? []).OfType<JsonObject>())
                children.Add(Add(activity, container, scope, prefix, depth));
            foreach (var c in (flowchart["connections"] as JsonArray ?? []).OfType<JsonObject>())
                Connections.Add(new Connection(
                    prefix + (c["source"].Text("activity") ?? ""), c["source"].Text("port") ?? "Done",
                    prefix + (c["target"].Text("activity") ?? ""), c["target"].Text("port") ?? "In"));
            return children;
        }

        public string Add(JsonObject activity, string? container, string? scope, string prefix, int depth)
        {
            var id = prefix + (activity.Text("id") ?? throw new InvalidDataException("An activity has no id."));
            var type = activity.Text("type") ?? "";
            var node = new ActivityNode(id, type, activity.Text("nodeId") ?? id, activity.Text("name"), activity) { Container = container, Scope = scope };

            if (type == ElsaJson.FlowchartType)
            {
                Activities[id] = node;
                var children = AddFlowchartContent(activity, id, scope, prefix, depth);
                Activities[id] = node with { Children = [.. children.Select(child => ("activity", child))] };
                return id;
            }

            var slots = ChildSlots(activity).ToList();
            if (slots.Count > 0)
            {
                Activities[id] = node;
                var children = slots.Select(slot => (slot.Slot, Add(slot.Child, id, scope, prefix, depth))).ToList();
                Activities[id] = node with { Children = children };
                return id;
            }

            if (CompositeDefinitionId(activity) is { } definitionId && resolve(activity) is { } definition)
            {
                if (depth >= MaxCompositeDepth)
                {
                    Problems.Add($"{id}: workflows used as activities nest deeper than {MaxCompositeDepth} levels at {definitionId}.");
                    Activities[id] = node;
                    return id;
                }
                var composite = node with { Runner = CompositeRunner, Definition = definition };
                Activities[id] = composite;
                if (definition["root"] is JsonObject root)
                {
                    var child = Add(root, id, scope: id, prefix: id + ":", depth + 1);
                    Activities[id] = composite with { Children = [("root", child)] };
                }
                return id;
            }

            Activities[id] = node;
            return id;
        }
    }
}
