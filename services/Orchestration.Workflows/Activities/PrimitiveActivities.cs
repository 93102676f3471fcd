using System.Text.Json.Nodes;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Expressions;
using static Orchestration.Workflows.Activities.Descriptors;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Activities;

/// <summary>
/// Elsa's SetOutput: sets an output of the workflow (kept with the instance), or, inside a workflow used as an activity, an output
/// of that activity.
/// </summary>
public sealed class SetOutputActivity : IActivityType
{
    public string TypeName => "Elsa.SetOutput";

    public JsonObject Descriptor { get; } = Activity("Elsa.SetOutput", "Primitives", "Set Output", "Assign a value to a workflow output.",
        [Input("OutputName", "String", "output-picker"), Input("OutputValue", "Object")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var name = context.Text("outputName") is { Length: > 0 } given ? given : throw new InvalidOperationException($"{context.Node.DisplayName} names no output.");
        var value = context.Input("outputValue");
        var outputs = context.Node.Scope is { } scope && context.Run.State.Composites.TryGetValue(scope, out var composite)
            ? composite.Output
            : context.Run.State.Output;
        outputs[name] = value is null ? null : JsonNode.Parse(X.Bounded(value.ToJsonString(), $"The output {name}"));
        return ValueTask.FromResult(ActivityOutcome.Done);
    }
}

/// <summary>
/// Elsa's Correlate: sets the instance's correlation id (what <c>getCorrelationId()</c> answers and the journal records). Messages
/// of the procedure keep naming it by its instance id.
/// </summary>
public sealed class CorrelateActivity : IActivityType
{
    public string TypeName => "Elsa.Correlate";

    public JsonObject Descriptor { get; } = Activity("Elsa.Correlate", "Primitives", "Correlate", "Set the CorrelationId of the workflow to a given value.",
        [Input("CorrelationId", "String")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var id = context.Text("correlationId");
        if (id is { Length: > 200 }) throw new InvalidOperationException($"{context.Node.DisplayName}: a correlation id is at most 200 characters.");
        context.Run.State.CorrelationId = string.IsNullOrEmpty(id) ? null : id;
        context.Run.Journal.Append(context.Now, "Correlated", context.Node.Id, context.Node.Type, context.Node.Name, message: id, cadreId: context.Run.Instance.CadreId);
        return ValueTask.FromResult(ActivityOutcome.Done);
    }
}

/// <summary>Thrown by Elsa's Fault activity: the instance faults with an incident carrying the code, category, type and message.</summary>
public sealed class WorkflowFaultException(string code, string category, string faultType, string? message)
    : Exception($"{category} fault {code} ({faultType}){(string.IsNullOrEmpty(message) ? "" : ": " + message)}")
{
    public string Code { get; } = code;

    public string Category { get; } = category;

    public string FaultType { get; } = faultType;
}

/// <summary>Elsa's Fault: faults the instance on purpose (an incident of kind <c>activity</c>; retrying runs the Fault again).</summary>
public sealed class FaultActivity : IActivityType
{
    public string TypeName => "Elsa.Fault";

    public JsonObject Descriptor { get; } = Activity("Elsa.Fault", "Primitives", "Fault", "Faults the workflow.",
        [Input("Code", "String"), Input("Category", "String"), Input("FaultType", "String"), Input("Message", "String")], isTerminal: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) =>
        throw new WorkflowFaultException(context.Text("code") ?? "0", context.Text("category") ?? "General", context.Text("faultType") ?? "System",
            context.Text("message"));
}

/// <summary>
/// Elsa's Run JavaScript: runs a script with Elsa's functions; what it returns is its output Result. <c>setOutcome(name)</c> or
/// <c>setOutcomes([…])</c> choose the ports it continues on (Done otherwise).
/// </summary>
public sealed class RunJavaScriptActivity : IActivityType
{
    public string TypeName => "Elsa.RunJavaScript";

    public JsonObject Descriptor { get; } = Activity("Elsa.RunJavaScript", "Scripting", "Run JavaScript", "Executes JavaScript code",
        [Input("Script", "String", "code-editor"), Input("PossibleOutcomes", "String[]", "dynamic-outcomes")], ports: ["Done"],
        outputs: [Output("Result", "Object")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var script = context.Node.Json["script"] switch
        {
            JsonObject wrapper when wrapper["expression"] is JsonObject expression && expression.Text("type") is "JavaScript" or "Literal" or null =>
                X.AsText(expression["value"]) ?? "",
            var other => X.AsText(X.Evaluate(other, context.Scope)) ?? "",
        };
        var (result, outcomes) = JavaScriptExpressions.Run(script, context.Scope);
        context.SetOutput("Result", result);
        return ValueTask.FromResult(ActivityOutcome.On(outcomes is { Count: > 0 } ? [.. outcomes] : ["Done"]));
    }
}

/// <summary>
/// Stands for an activity of a type this server does not know (an imported file from another Elsa server, say): kept verbatim, so a
/// later export gives it back, shown in the Studio, and publishing is refused while it is there.
/// </summary>
public sealed class MissingActivity : IActivityType
{
    /// <summary>Elsa's name for the placeholder.</summary>
    public const string Type = "Elsa.NotFoundActivity";

    public string TypeName => Type;

    public JsonObject Descriptor { get; } = Activity(Type, "Missing", "Missing activity",
        "An activity of a type this server does not know. Replace or remove it before publishing.");

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) =>
        throw new InvalidOperationException($"{context.Node.DisplayName} is a missing activity: type '{context.Node.Type}' is not known.");
}
