using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace Orchestration.Workflows.Expressions;

/// <summary>
/// Liquid expressions as Elsa 3 renders them (Fluid, no HTML encoding): the template sees <c>Variables</c>, <c>Input</c>, <c>Activities</c>,
/// <c>WorkflowInstanceId</c>, <c>CorrelationId</c>, <c>WorkflowDefinitionId</c>, <c>WorkflowDefinitionVersionId</c> and
/// <c>WorkflowDefinitionVersion</c>. The value is the rendered text; an empty template is null. Rendering is bounded in steps and depth.
/// </summary>
public static class LiquidExpressions
{
    static readonly FluidParser Parser = new();

    const int MaxParsed = 2048;

    static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    static readonly TemplateOptions Options = new TemplateOptionsBuilder().WithMaxSteps(100_000).WithMaxRecursion(32)
        .WithMaxOutputSize(Expressions.MaxValueLength).WithCultureInfo(CultureInfo.InvariantCulture).Build();

    /// <summary>Null when <paramref name="template"/> parses, else the parser's message.</summary>
    public static string? ParseError(string template) => Parser.TryParse(template, out _, out var error) ? null : error;

    public static JsonNode? Evaluate(string template, ExpressionScope scope)
    {
        if (string.IsNullOrWhiteSpace(template)) return null;
        if (!Parsed.TryGetValue(template, out var parsed))
        {
            if (!Parser.TryParse(template, out parsed, out var error))
                throw new InvalidOperationException($"The Liquid template does not parse: {error}");
            if (Parsed.Count >= MaxParsed) Parsed.Clear();
            Parsed[template] = parsed;
        }

        var context = new TemplateContext(Options);
        context.SetValue("Variables", FluidValue.Create(Plain(scope.Visible()), Options));
        context.SetValue("Input", FluidValue.Create(new Dictionary<string, object?>(Plain(scope.Input), StringComparer.OrdinalIgnoreCase), Options));
        context.SetValue("Activities", FluidValue.Create(ActivityOutputs(scope), Options));
        if (scope.Workflow is { } workflow)
        {
            context.SetValue("WorkflowInstanceId", workflow.InstanceId);
            context.SetValue("CorrelationId", workflow.CorrelationId);
            context.SetValue("WorkflowDefinitionId", workflow.DefinitionId);
            context.SetValue("WorkflowDefinitionVersionId", workflow.DefinitionVersionId);
            context.SetValue("WorkflowDefinitionVersion", workflow.Version);
        }
        var text = parsed.Render(context, NullEncoder.Default);
        return JsonValue.Create(Expressions.Bounded(text, "The text"));
    }

    /// <summary>
    /// What activities left for later steps, by activity name and by id: <c>{{ Activities.Check.Result }}</c> reads the output
    /// <c>Result</c> of the activity named (or with the id) <c>Check</c>, as <c>getResultFromCheck()</c> does in JavaScript.
    /// </summary>
    static Dictionary<string, object?> ActivityOutputs(ExpressionScope scope)
    {
        var activities = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (activityId, outputs) in scope.Outputs) activities[activityId] = Plain(outputs);
        foreach (var accessor in scope.OutputAccessors)
            if (scope.Outputs.TryGetValue(accessor.ActivityId, out var outputs)) activities.TryAdd(accessor.ActivityName, Plain(outputs));
        return activities;
    }

    /// <summary>A JSON object as dictionaries, lists and plain values, which Fluid reads member by member.</summary>
    internal static Dictionary<string, object?> Plain(JsonObject json) => json.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal);

    internal static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject json => Plain(json),
        JsonArray array => array.Select(Plain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => value.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
