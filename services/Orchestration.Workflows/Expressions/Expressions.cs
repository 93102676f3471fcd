using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Expressions;

/// <summary>A script's result or variables over <see cref="Expressions.MaxValueLength"/>: an expression error, like a script that throws.</summary>
public sealed class ExpressionLimitException(string message) : Exception(message);

/// <summary>What an expression can see: the instance's variables (writable), the workflow input and the last domain result.</summary>
public sealed class ExpressionScope(JsonObject variables, JsonObject input, JsonNode? lastResult)
{
    public JsonObject Variables { get; } = variables;

    public JsonObject Input { get; } = input;

    public JsonNode? LastResult { get; } = lastResult;

    /// <summary>The county date of the run (<c>today()</c> in JavaScript, <c>yyyy-MM-dd</c>); null outside a run.</summary>
    public DateOnly? Today { get; init; }
}

/// <summary>
/// Evaluates activity inputs written as Elsa does, <c>{ typeName, expression: { type, value } }</c>: <c>Literal</c> and <c>Object</c>
/// values as they are, <c>Variable</c> by name, and <c>JavaScript</c> through Jint with <c>getVariable</c>, <c>setVariable</c>,
/// <c>variables</c>, <c>input</c>, <c>lastResult</c> and <c>today()</c> (the county's date of the run, <c>yyyy-MM-dd</c>). Scripts run with statement, recursion, memory, regex and time limits, and a result or variables larger than 1,000,000 characters of JSON is refused.
/// </summary>
public static class Expressions
{
    public static JsonNode? Evaluate(JsonNode? property, ExpressionScope scope)
    {
        if (property is not JsonObject wrapper || wrapper["expression"] is not JsonObject expression) return property?.DeepClone();
        var type = expression.Text("type") ?? "Literal";
        var value = expression["value"];
        return type switch
        {
            "JavaScript" => EvaluateJavaScript(AsText(value) ?? "", scope),
            "Object" when value is JsonValue text && text.TryGetValue<string>(out var json) => JsonNode.Parse(json),
            "Variable" => scope.Variables[VariableName(value)]?.DeepClone(),
            _ => value?.DeepClone(),
        };
    }

    /// <summary>Null when <paramref name="code"/> parses as JavaScript, else the parser's message.</summary>
    public static string? JavaScriptError(string code)
    {
        try
        {
            Engine.PrepareScript(code);
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    static JsonNode? EvaluateJavaScript(string code, ExpressionScope scope)
    {
        var engine = new Engine(options =>
        {
            options.Constraints.MaxArraySize = MaxArraySize;
            options.LimitRecursion(64).MaxStatements(100_000).TimeoutInterval(TimeSpan.FromSeconds(5))
                .LimitMemory(MaxMemoryBytes).RegexTimeoutInterval(TimeSpan.FromSeconds(1));
        });
        var parser = new JsonParser(engine);
        engine.SetValue("variables", parser.Parse(scope.Variables.ToJsonString()));
        engine.SetValue("input", parser.Parse(scope.Input.ToJsonString()));
        engine.SetValue("lastResult", scope.LastResult is null ? JsValue.Null : parser.Parse(scope.LastResult.ToJsonString()));
        engine.SetValue("__today", scope.Today is { } today ? today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : JsValue.Null);
        engine.Execute("function getVariable(name) { return variables[name]; } function setVariable(name, value) { variables[name] = value; } function today() { return __today; }");
        // One builtin call is one statement, so the memory limit would look only after it: the builtins that make long strings check first.
        engine.Execute(StringLimits);

        var result = engine.Evaluate(code);

        // Scripts may have changed variables through setVariable.
        var serializer = new JsonSerializer(engine);
        var variables = Bounded(serializer.Serialize(engine.GetValue("variables")).AsString(), "The variables");
        var answer = result.IsUndefined() ? null : Bounded(serializer.Serialize(result).AsString(), "The result");
        if (JsonNode.Parse(variables) is JsonObject changed)
            foreach (var (name, node) in changed.ToList())
                scope.Variables[name] = node?.DeepClone();

        return answer is null ? null : JsonNode.Parse(answer);
    }

    /// <summary>Elements of one array a script may make.</summary>
    public const uint MaxArraySize = 1_000_000;

    static readonly string StringLimits = $$"""
        (function (limit) {
          function guard(name, length) {
            var original = String.prototype[name];
            String.prototype[name] = function () {
              if (length(String(this), arguments) > limit) throw new RangeError(name + ' would make a string longer than ' + limit + ' characters');
              return original.apply(this, arguments);
            };
          }
          guard('repeat', function (s, a) { return s.length * Number(a[0]); });
          guard('padStart', function (s, a) { return Number(a[0]); });
          guard('padEnd', function (s, a) { return Number(a[0]); });
        })({{MaxValueLength}});
        """;

    /// <summary>What a script may allocate (Jint's memory limit): 64 MB.</summary>
    public const long MaxMemoryBytes = 64L * 1024 * 1024;

    /// <summary>How large a script's result or the variables it leaves may be, as JSON: 1,000,000 characters.</summary>
    public const int MaxValueLength = 1_000_000;

    /// <summary>Refuses a value too large to keep in an instance's state: the activity faults with an expression error.</summary>
    static string Bounded(string json, string what) => json.Length <= MaxValueLength
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
