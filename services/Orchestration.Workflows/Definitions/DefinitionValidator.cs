using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cronos;
using Orchestration.Workflows.Activities;

namespace Orchestration.Workflows.Definitions;

/// <summary>A reason the runtime could not run a definition, naming the activity where there is one.</summary>
public sealed record DefinitionProblem(string? ActivityId, string Message);

/// <summary>How large a definition may be (settings <c>Workflows:MaxDefinitionSize</c>, <c>Workflows:MaxActivities</c>).</summary>
public sealed class DefinitionLimits
{
    /// <summary>Bytes of a definition's JSON as saved or imported: 2 MB. Larger bodies are refused with 413 before they are read.</summary>
    public long MaxDefinitionSize { get; set; } = 2 * 1024 * 1024;

    /// <summary>Activities of a definition's flowchart: 500.</summary>
    public int MaxActivities { get; set; } = 500;
}

/// <summary>
/// Refuses what the runtime could not run and what would leave the designer blank: a definition over the size limits, an id or type
/// that is not text, an unknown activity type, a connection to or from nowhere, a cycle with no activity that waits, a JavaScript
/// or Liquid expression that does not parse, an expression type the runtime does not evaluate (C#, Python), a cron expression, timer interval or start time that cannot be read.
/// </summary>
public static partial class DefinitionValidator
{
    public const int MaxDefinitionIdLength = 100;
    public const int MaxNameLength = 300;

    static readonly string[] CalendarTypes = ["Elsa.Timer", "Elsa.Cron", "Elsa.StartAt"];

    public static IReadOnlyList<DefinitionProblem> Validate(JsonObject definition, ActivityRegistry registry)
    {
        var limits = registry.Limits;
        var shape = Shape(definition, limits);
        if (shape.Count > 0) return shape;

        var problems = new List<DefinitionProblem>();
        Flowchart flowchart;
        try
        {
            flowchart = Flowchart.Parse(definition);
        }
        catch (InvalidDataException ex)
        {
            return [new DefinitionProblem(null, ex.Message)];
        }

        foreach (var activity in flowchart.Activities.Values)
        {
            if (registry.Find(activity.Type) is null)
                problems.Add(new(activity.Id, $"{activity.Name ?? activity.Id}: unknown activity type '{activity.Type}'."));
            foreach (var (path, expression) in ExpressionsOf(activity.Json, ""))
                if (Expressions.Expressions.Problem(expression.Text("type") ?? "Literal", expression.Text("value")) is { } error)
                    problems.Add(new(activity.Id, $"{activity.Name ?? activity.Id}{path}: {error}"));
            if (CalendarTypes.Contains(activity.Type) && CalendarProblem(activity) is { } calendar)
                problems.Add(new(activity.Id, $"{activity.Name ?? activity.Id}.{calendar}"));
        }

        foreach (var connection in flowchart.Connections)
        {
            if (!flowchart.Activities.ContainsKey(connection.Source))
                problems.Add(new(connection.Source, $"A connection starts at '{connection.Source}', which is not in the flowchart."));
            if (!flowchart.Activities.ContainsKey(connection.Target))
                problems.Add(new(connection.Target, $"A connection from '{connection.Source}' ends at '{connection.Target}', which is not in the flowchart."));
        }

        foreach (var cycle in CyclesWithoutWait(flowchart, registry))
            problems.Add(new(cycle[0], $"The cycle {string.Join(" → ", cycle)} has no activity that waits: it would run forever."));
        return problems;
    }

    /// <summary>
    /// What must hold before the definition is read as a flowchart: its id and name, the number of activities, and every id, type,
    /// expression and connection end written as text.
    /// </summary>
    static List<DefinitionProblem> Shape(JsonObject definition, DefinitionLimits limits)
    {
        var problems = new List<DefinitionProblem>();
        if (definition["definitionId"] is { } id)
        {
            if (id is not JsonValue idValue || !idValue.TryGetValue<string>(out var text))
                problems.Add(new(null, "definitionId must be text."));
            else if (text.Length > MaxDefinitionIdLength || (text.Length > 0 && !DefinitionId().IsMatch(text)))
                problems.Add(new(null, $"definitionId is 1 to {MaxDefinitionIdLength} letters, digits, '-', '_' or '.', not starting with '.'."));
        }
        if (definition["name"] is { } name && (name is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var nameText) || nameText.Length > MaxNameLength
                                               || Orchestration.ServiceDefaults.Http.SaneInput.TextProblem(nameText) is not null))
            problems.Add(new(null, $"name must be text of at most {MaxNameLength} characters without control characters."));

        if (definition["root"] is not JsonObject root) return problems; // Flowchart.Parse names it
        if (root["activities"] is JsonArray activities)
        {
            if (activities.Count > limits.MaxActivities)
            {
                problems.Add(new(null, $"The flowchart has {activities.Count} activities; at most {limits.MaxActivities} are allowed (Workflows:MaxActivities)."));
                return problems;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < activities.Count; i++)
            {
                if (activities[i] is not JsonObject activity)
                {
                    problems.Add(new(null, $"root.activities[{i}] must be an object."));
                    continue;
                }
                var activityId = activity.Text("id");
                var label = activityId ?? $"root.activities[{i}]";
                if (activityId is not { Length: > 0 } || activityId.Length > 100) problems.Add(new(null, $"{label}: id must be text of 1 to 100 characters."));
                else if (!seen.Add(activityId)) problems.Add(new(activityId, $"{activityId}: two activities have this id."));
                if (activity["type"] is not null && activity.Text("type") is null) problems.Add(new(activityId, $"{label}: type must be text."));
                if (activity["name"] is not null && activity.Text("name") is null) problems.Add(new(activityId, $"{label}: name must be text."));
                foreach (var (property, value) in activity)
                {
                    if (value is not JsonObject input || input["expression"] is not JsonObject expression) continue;
                    if (expression["type"] is not null && expression.Text("type") is null)
                        problems.Add(new(activityId, $"{label}.{property}: expression.type must be text."));
                    else if (expression.Text("type") is "JavaScript" or "Liquid" or "Variable" && expression["value"] is { } code && expression.Text("value") is null
                             && !(expression.Text("type") == "Variable" && code is JsonObject))
                        problems.Add(new(activityId, $"{label}.{property}: a {expression.Text("type")} expression's value must be text."));
                }
            }
        }
        else if (root["activities"] is not null)
        {
            problems.Add(new(null, "root.activities must be an array."));
        }

        if (root["connections"] is JsonArray connections)
        {
            for (var i = 0; i < connections.Count; i++)
            {
                if (connections[i] is not JsonObject connection)
                {
                    problems.Add(new(null, $"root.connections[{i}] must be an object."));
                    continue;
                }
                foreach (var end in new[] { "source", "target" })
                    if (connection[end] is JsonObject endpoint ? endpoint["activity"] is not null && endpoint.Text("activity") is null : connection[end] is not null)
                        problems.Add(new(null, $"root.connections[{i}].{end}: the activity must be named by its id (text)."));
            }
        }
        else if (root["connections"] is not null)
        {
            problems.Add(new(null, "root.connections must be an array."));
        }
        return problems;
    }

    /// <summary>The JavaScript of every activity of <paramref name="flowchart"/> (inputs and FlowSwitch case conditions).</summary>
    public static IEnumerable<(string ActivityId, string Code)> Scripts(Flowchart flowchart) =>
        from activity in flowchart.Activities.Values
        from found in ExpressionsOf(activity.Json, "")
        where found.Expression.Text("type") == "JavaScript"
        select (activity.Id, found.Expression.Text("value") ?? "");

    /// <summary>
    /// Every expression of an activity with where it is: an input's <c>expression</c>, and a case's <c>condition</c> (FlowSwitch), at any
    /// depth.
    /// </summary>
    static IEnumerable<(string Path, JsonObject Expression)> ExpressionsOf(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (property, value) in json)
                {
                    if (property is "expression" or "condition" && value is JsonObject expression && expression["type"] is JsonValue)
                        yield return (path, expression);
                    else if (property is not ("metadata" or "customProperties"))
                        foreach (var inner in ExpressionsOf(value, $"{path}.{property}"))
                            yield return inner;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var inner in ExpressionsOf(array[i], $"{path}[{i}]"))
                        yield return inner;
                break;
        }
    }

    /// <summary>Why a Timer's interval, a Cron's expression or a StartAt's time written as a literal cannot be read, or null.</summary>
    static string? CalendarProblem(ActivityNode activity)
    {
        var (input, literal) = activity.Type switch
        {
            "Elsa.Timer" => ("interval", Literal(activity.Json["interval"])),
            "Elsa.Cron" => ("cronExpression", Literal(activity.Json["cronExpression"])),
            _ => ("dateTime", Literal(activity.Json["dateTime"])),
        };
        if (literal is not { } text) return null; // an expression: evaluated when the activity runs
        switch (activity.Type)
        {
            case "Elsa.Timer":
                return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
                    ? null
                    : $"{input}: '{Shorten(text)}' is not a positive time span (hh:mm:ss or d.hh:mm:ss).";
            case "Elsa.Cron":
                try
                {
                    CronExpression.Parse(text, CronFormat.IncludeSeconds);
                    return null;
                }
                catch (CronFormatException ex)
                {
                    return $"{input}: '{Shorten(text)}' is not a cron expression with seconds: {ex.Message}";
                }
            default:
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at.Year is >= 1900 and <= 2200
                    ? null
                    : $"{input}: '{Shorten(text)}' is not a date and time between 1900 and 2200 (ISO 8601).";
        }
    }

    /// <summary>The text of a literal input (<c>{ expression: { type: "Literal", value } }</c> or a bare value); null for a script or variable.</summary>
    static string? Literal(JsonNode? input)
    {
        if (input is JsonObject wrapper && wrapper["expression"] is JsonObject expression)
        {
            var type = expression.Text("type") ?? "Literal";
            if (type != "Literal") return null;
            return expression["value"] is JsonValue value ? Expressions.Expressions.AsText(value) : expression["value"] is null ? null : "";
        }
        return input is JsonValue bare ? Expressions.Expressions.AsText(bare) : null;
    }

    static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]*$")]
    private static partial Regex DefinitionId();

    /// <summary>
    /// Strongly connected parts of the graph (Tarjan) in which no activity can block. Iterative, with its own stack, so a chain of
    /// any length cannot overflow the thread's stack.
    /// </summary>
    static List<List<string>> CyclesWithoutWait(Flowchart flowchart, ActivityRegistry registry)
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowest = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<List<string>>();
        var edges = flowchart.Connections.Where(c => flowchart.Activities.ContainsKey(c.Source) && flowchart.Activities.ContainsKey(c.Target))
            .ToLookup(c => c.Source, c => c.Target);
        var successors = new Dictionary<string, string[]>();
        string[] Next(string node) => successors.TryGetValue(node, out var next) ? next : successors[node] = edges[node].ToArray();

        foreach (var start in flowchart.Activities.Keys)
        {
            if (indices.ContainsKey(start)) continue;
            // Each frame: a node and how many of its successors were looked at.
            var frames = new Stack<(string Node, int Edge)>();
            indices[start] = lowest[start] = index++;
            stack.Push(start);
            onStack.Add(start);
            frames.Push((start, 0));

            while (frames.Count > 0)
            {
                var (node, edge) = frames.Pop();
                var next = Next(node);
                if (edge < next.Length)
                {
                    frames.Push((node, edge + 1));
                    var target = next[edge];
                    if (!indices.ContainsKey(target))
                    {
                        indices[target] = lowest[target] = index++;
                        stack.Push(target);
                        onStack.Add(target);
                        frames.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        lowest[node] = Math.Min(lowest[node], indices[target]);
                    }
                    continue;
                }

                // All successors done: report the component if this node is its root, then hand the lowest index to the caller.
                if (lowest[node] == indices[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    } while (member != node);

                    var isCycle = component.Count > 1 || next.Contains(node);
                    if (isCycle && component.All(id => registry.Find(flowchart.Activities[id].Type) is not { CanBlock: true }))
                        found.Add(component.AsEnumerable().Reverse().ToList());
                }
                if (frames.Count > 0)
                {
                    var parent = frames.Peek().Node;
                    lowest[parent] = Math.Min(lowest[parent], lowest[node]);
                }
            }
        }
        return found;
    }
}
