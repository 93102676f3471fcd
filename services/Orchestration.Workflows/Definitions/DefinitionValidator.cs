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
/// that is not text, two activities with one id, a connection to or from nowhere, a JavaScript or Liquid expression that does not
/// parse, an expression type the runtime does not evaluate (C#, Python), a cron expression, timer interval or start time that cannot
/// be read. An activity of an unknown type is a missing activity: a draft keeps it, publishing is refused naming it. Loops need no
/// waiting step (as in Elsa): the engine's step budget stops one that runs away.
/// </summary>
public static partial class DefinitionValidator
{
    public const int MaxDefinitionIdLength = 100;
    public const int MaxNameLength = 300;

    static readonly string[] CalendarTypes = ["Elsa.Timer", "Elsa.Cron", "Elsa.StartAt"];

    /// <summary>
    /// The problems of <paramref name="definition"/>; with <paramref name="publishing"/>, missing activities too.
    /// <paramref name="resolve"/> gives the definitions of workflows it uses as activities (see <see cref="CompositeResolver"/>).
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Validate(JsonObject definition, ActivityRegistry registry, bool publishing = true,
        Func<JsonObject, JsonObject?>? resolve = null)
    {
        var limits = registry.Limits;
        var shape = Shape(definition, limits);
        if (shape.Count > 0) return shape;

        var problems = new List<DefinitionProblem>();
        Flowchart flowchart;
        try
        {
            flowchart = Flowchart.Parse(definition, resolve ?? (_ => null));
        }
        catch (InvalidDataException ex)
        {
            return [new DefinitionProblem(null, ex.Message)];
        }
        problems.AddRange(flowchart.Problems.Select(p => new DefinitionProblem(null, p)));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in Flowchart.ActivityObjects(definition))
            if (activity.Text("id") is { } id && !ids.Add(id))
                problems.Add(new(id, $"{id}: two activities have this id."));
        if (ids.Count > limits.MaxActivities)
            problems.Add(new(null, $"The definition has {ids.Count} activities; at most {limits.MaxActivities} are allowed (Workflows:MaxActivities)."));

        if (publishing)
            foreach (var activity in flowchart.Activities.Values)
                if (RequiredInputs.TryGetValue(activity.Type, out var required) && !required.Any(input => HasValue(activity.Json[input])))
                    problems.Add(new(activity.Id, $"{activity.Name ?? activity.Id}: set {string.Join(" or ", required)} before publishing; " +
                                                  "without it every instance that reaches the activity would fail there."));

        if (publishing)
            foreach (var missing in MissingActivities(flowchart, registry))
                problems.Add(new(missing.Id, $"{missing.DisplayName} is a missing activity: its type '{missing.Type}' is not known to this server"
                    + (Flowchart.CompositeDefinitionId(missing.Json) is { } workflow ? $" (no published workflow '{workflow}' to use as an activity)" : "")
                    + "; replace or remove it before publishing."));

        foreach (var activity in flowchart.Activities.Values)
        {
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

        return problems.DistinctBy(p => (p.ActivityId, p.Message)).ToList();
    }

    /// <summary>
    /// Inputs an activity cannot run without, by type: one of each list must be set (a Delay needs a time span, working days or
    /// months). A draft may leave them empty; publishing is refused naming the activity.
    /// </summary>
    static readonly Dictionary<string, string[]> RequiredInputs = new(StringComparer.Ordinal)
    {
        ["Elsa.Delay"] = ["timeSpan", "workingDays", "months"],
        ["Elsa.Timer"] = ["interval"],
        ["Elsa.Cron"] = ["cronExpression"],
        ["Elsa.StartAt"] = ["dateTime"],
        ["Elsa.Event"] = ["eventName"],
        ["Elsa.SetVariable"] = ["variable"],
        ["Elsa.If"] = ["condition"],
        ["Elsa.FlowDecision"] = ["condition"],
        ["Elsa.ForEach"] = ["items"],
        ["Elsa.ParallelForEach"] = ["items"],
        ["Elsa.Correlate"] = ["correlationId"],
        ["Elsa.HttpEndpoint"] = ["path"],
        ["Elsa.SendHttpRequest"] = ["url"],
        ["Elsa.FlowSendHttpRequest"] = ["url"],
        ["Elsa.ExecuteWorkflow"] = ["workflowDefinitionId"],
        ["Elsa.DispatchWorkflow"] = ["workflowDefinitionId"],
    };

    /// <summary>Whether an input is set: an expression with a value (text not blank), or an object such as a variable reference.</summary>
    static bool HasValue(JsonNode? input) => input switch
    {
        null => false,
        JsonObject wrapped when wrapped["expression"] is JsonObject expression => expression["value"] switch
        {
            null => false,
            JsonValue value when value.TryGetValue<string>(out var text) => !string.IsNullOrWhiteSpace(text),
            _ => true,
        },
        JsonObject => true,
        JsonValue value when value.TryGetValue<string>(out var text) => !string.IsNullOrWhiteSpace(text),
        _ => true,
    };

    /// <summary>The activities of a type this server does not know (nor a published workflow used as an activity).</summary>
    public static IEnumerable<ActivityNode> MissingActivities(Flowchart flowchart, ActivityRegistry registry) =>
        flowchart.Activities.Values.Where(a => registry.Find(a.Runner) is null);

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
}
