using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Orchestration.Workflows.Expressions;

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
/// <c>variables</c>, <c>input</c>, <c>lastResult</c> and <c>today()</c> (the county's date of the run, <c>yyyy-MM-dd</c>). Scripts run with statement, recursion and time limits.
/// </summary>
public static class Expressions
{
    public static JsonNode? Evaluate(JsonNode? property, ExpressionScope scope)
    {
        if (property is not JsonObject wrapper || wrapper["expression"] is not JsonObject expression) return property?.DeepClone();
        var type = expression["type"]?.GetValue<string>() ?? "Literal";
        var value = expression["value"];
        return type switch
        {
            "JavaScript" => EvaluateJavaScript(value?.GetValue<string>() ?? "", scope),
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
        var engine = new Engine(options => options.LimitRecursion(64).MaxStatements(100_000).TimeoutInterval(TimeSpan.FromSeconds(5)));
        var parser = new JsonParser(engine);
        engine.SetValue("variables", parser.Parse(scope.Variables.ToJsonString()));
        engine.SetValue("input", parser.Parse(scope.Input.ToJsonString()));
        engine.SetValue("lastResult", scope.LastResult is null ? JsValue.Null : parser.Parse(scope.LastResult.ToJsonString()));
        engine.SetValue("__today", scope.Today is { } today ? today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : JsValue.Null);
        engine.Execute("function getVariable(name) { return variables[name]; } function setVariable(name, value) { variables[name] = value; } function today() { return __today; }");

        var result = engine.Evaluate(code);

        // Scripts may have changed variables through setVariable.
        var serializer = new JsonSerializer(engine);
        if (JsonNode.Parse(serializer.Serialize(engine.GetValue("variables")).AsString()) is JsonObject changed)
            foreach (var (name, node) in changed.ToList())
                scope.Variables[name] = node?.DeepClone();

        return result.IsUndefined() ? null : JsonNode.Parse(serializer.Serialize(result).AsString());
    }

    static string VariableName(JsonNode? value) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('{') => JsonNode.Parse(json)?["name"]?.GetValue<string>() ?? json,
        JsonValue text when text.TryGetValue<string>(out var name) => name,
        JsonObject variable => variable["name"]?.GetValue<string>() ?? "",
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
