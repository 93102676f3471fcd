using System.Text.Json.Nodes;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Expressions;

/// <summary>A script's result or variables over <see cref="Expressions.MaxValueLength"/>: an expression error, like a script that throws.</summary>
public sealed class ExpressionLimitException(string message) : Exception(message);

/// <summary>Which procedure an expression runs in: what Elsa's <c>getWorkflowInstanceId()</c>, <c>getCorrelationId()</c> and the like answer.</summary>
public sealed record ExpressionWorkflow(string InstanceId, string DefinitionId, string DefinitionVersionId, int Version, string? Name)
{
    /// <summary>What <c>Correlate</c> set, if anything.</summary>
    public string? Correlation { get; init; }

    /// <summary>
    /// The correlation id: what <c>Correlate</c> set, else the procedure's instance id (every message of the procedure carries the
    /// instance id as ProcedureId, whatever the correlation id).
    /// </summary>
    public string CorrelationId => Correlation ?? InstanceId;
}

/// <summary>Elsa's <c>get{Output}From{Activity}()</c>: an output an activity declares, by the activity's name (else id).</summary>
public sealed record OutputAccessor(string ActivityId, string ActivityName, string Output);

/// <summary>What an expression can see: the instance's variables (writable), the workflow input and the last domain result.</summary>
public sealed class ExpressionScope(JsonObject variables, JsonObject input, JsonNode? lastResult)
{
    public JsonObject Variables { get; } = variables;

    public JsonObject Input { get; } = input;

    public JsonNode? LastResult { get; } = lastResult;

    /// <summary>The county date of the run (<c>today()</c> in JavaScript, <c>yyyy-MM-dd</c>); null outside a run.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>The procedure the expression runs in; null where there is none yet (a trigger read at publication).</summary>
    public ExpressionWorkflow? Workflow { get; init; }

    /// <summary>The inputs the definition declares (<c>inputs[].name</c>): each has a <c>get{Name}()</c> accessor, as in Elsa.</summary>
    public IReadOnlyList<string> InputNames { get; init; } = [];

    /// <summary>
    /// Also the globals <c>input</c> and <c>lastResult</c> of definitions written before the runtime followed Elsa's JavaScript API
    /// (setting <c>Workflows:LegacyExpressionGlobals</c>, off by default). Real Elsa knows neither.
    /// </summary>
    public bool LegacyGlobals { get; init; }

    /// <summary>The outputs activities left in this instance (activity id → output name → value), for <c>getOutputFrom</c>.</summary>
    public IReadOnlyDictionary<string, JsonObject> Outputs { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>The activities that declare outputs, each output with its <c>get{Output}From{Activity}()</c> accessor.</summary>
    public IReadOnlyList<OutputAccessor> OutputAccessors { get; init; } = [];

    /// <summary>
    /// Variables local to the branch the expression runs on, innermost first (a ParallelForEach iteration's <c>CurrentValue</c> and
    /// <c>CurrentIndex</c>): they hide workflow variables of the same name, and writing one changes the iteration's own.
    /// </summary>
    public IReadOnlyList<JsonObject> Locals { get; init; } = [];

    /// <summary>The variables an expression sees: the workflow's, with the branch's locals over them (a copy when there are locals).</summary>
    public JsonObject Visible()
    {
        if (Locals.Count == 0) return Variables;
        var visible = Variables.DeepClone().AsObject();
        foreach (var local in Locals.Reverse())
            foreach (var (name, value) in local) visible[name] = value?.DeepClone();
        return visible;
    }

    /// <summary>Reads a variable as expressions see it: a local of the branch first, else the workflow's.</summary>
    public JsonNode? Read(string name) =>
        Locals.FirstOrDefault(l => l.ContainsKey(name)) is { } local ? local[name] : Variables[name];

    /// <summary>Sets a variable: the innermost local of that name when there is one, else the workflow's.</summary>
    public void Write(string name, JsonNode? value) =>
        (Locals.FirstOrDefault(l => l.ContainsKey(name)) ?? Variables)[name] = value;
}

/// <summary>
/// Evaluates activity inputs written as Elsa does, <c>{ typeName, expression: { type, value } }</c>: <c>Literal</c> and <c>Object</c>
/// values as they are, <c>Variable</c> by name, <c>JavaScript</c> through Jint with Elsa's functions (<see cref="JavaScriptExpressions"/>)
/// and <c>Liquid</c> through Fluid with Elsa's template context (<see cref="LiquidExpressions"/>). Other expression types (C#, Python)
/// are refused when a definition is saved.
/// </summary>
public static class Expressions
{
    /// <summary>The expression types the runtime evaluates.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "Literal", "Object", "Variable", "JavaScript", "Liquid" };

    public static JsonNode? Evaluate(JsonNode? property, ExpressionScope scope)
    {
        if (property is not JsonObject wrapper || wrapper["expression"] is not JsonObject expression) return property?.DeepClone();
        var type = expression.Text("type") ?? "Literal";
        var value = expression["value"];
        return type switch
        {
            "JavaScript" => JavaScriptExpressions.Evaluate(AsText(value) ?? "", scope),
            "Liquid" => LiquidExpressions.Evaluate(AsText(value) ?? "", scope),
            "Object" when value is JsonValue text && text.TryGetValue<string>(out var json) => JsonNode.Parse(json),
            "Variable" => scope.Read(VariableName(value))?.DeepClone(),
            _ => value?.DeepClone(),
        };
    }

    /// <summary>Null when <paramref name="code"/> parses as JavaScript the way Elsa reads it (a top-level <c>return</c> allowed), else the parser's message.</summary>
    public static string? JavaScriptError(string code) => JavaScriptExpressions.ParseError(code);

    /// <summary>Null when <paramref name="template"/> parses as a Liquid template, else the parser's message.</summary>
    public static string? LiquidError(string template) => LiquidExpressions.ParseError(template);

    /// <summary>Why an expression of <paramref name="type"/> cannot run here (it does not parse, or the type is not evaluated), or null.</summary>
    public static string? Problem(string type, string? value) => type switch
    {
        "JavaScript" => JavaScriptError(value ?? "") is { } error ? $"the JavaScript does not parse: {error}" : null,
        "Liquid" => LiquidError(value ?? "") is { } error ? $"the Liquid template does not parse: {error}" : null,
        _ when Types.Contains(type) => null,
        _ => $"{type} expressions are not evaluated by this runtime; use JavaScript or Liquid.",
    };

    /// <summary>Elements of one array a script may make.</summary>
    public const uint MaxArraySize = 1_000_000;

    /// <summary>What a script may allocate (Jint's memory limit): 64 MB.</summary>
    public const long MaxMemoryBytes = 64L * 1024 * 1024;

    /// <summary>How large a script's result or the variables it leaves may be, as JSON: 1,000,000 characters.</summary>
    public const int MaxValueLength = 1_000_000;

    /// <summary>Refuses a value too large to keep in an instance's state: the activity faults with an expression error.</summary>
    internal static string Bounded(string json, string what) => json.Length <= MaxValueLength
        ? json
        : throw new ExpressionLimitException($"{what} of the script would be {json.Length:N0} characters of JSON; at most {MaxValueLength:N0} are kept in a procedure's state.");

    static string VariableName(JsonNode? value) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('{') => JsonNode.Parse(json).Text("name") ?? json,
        JsonValue text when text.TryGetValue<string>(out var name) => name,
        JsonObject variable => variable.Text("name") ?? "",
        _ => "",
    };

    /// <summary>Reads a JSON value as text, number or boolean, whatever form a Literal took in the file.</summary>
    public static string? AsText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    public static bool AsBoolean(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) => bool.TryParse(text, out var parsed) && parsed,
        JsonValue value when value.TryGetValue<double>(out var number) => number != 0,
        _ => false,
    };

    public static int? AsInt(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) => (int)real,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, out var parsed) => parsed,
        _ => null,
    };
}
