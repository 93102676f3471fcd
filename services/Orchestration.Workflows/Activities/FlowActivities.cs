using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orchestration.Workflows.Definitions;
using static Orchestration.Workflows.Activities.Descriptors;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Activities;

public sealed class StartActivity : IActivityType
{
    public string TypeName => "Elsa.Start";

    public JsonObject Descriptor { get; } = Activity("Elsa.Start", "Flow", "Start", "Marks the start of the procedure.", isStart: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) => ValueTask.FromResult(ActivityOutcome.Done);
}

/// <summary>
/// As in Elsa: <c>Elsa.End</c> completes its own path (the instance finishes once no other path runs or waits);
/// <c>Elsa.Finish</c> ends the whole procedure and cancels every remaining wait.
/// </summary>
public sealed class EndActivity(string typeName, string displayName) : IActivityType
{
    public string TypeName => typeName;

    public JsonObject Descriptor { get; } = Activity(typeName, "Flow", displayName,
        typeName == "Elsa.Finish" ? "Ends the procedure; any remaining waits are cancelled." : "Ends this path; the procedure ends when no other path runs or waits.",
        isTerminal: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) =>
        ValueTask.FromResult<ActivityOutcome>(typeName == "Elsa.Finish" ? new ActivityOutcome.WorkflowFinished() : new ActivityOutcome.PathEnded());
}

public sealed class FlowDecisionActivity : IActivityType
{
    public string TypeName => "Elsa.FlowDecision";

    public JsonObject Descriptor { get; } = Activity("Elsa.FlowDecision", "Branching", "Decision",
        "Evaluates a condition and continues on True or False.", [Input("Condition", "Boolean", description: "e.g. getLastResult().outcome === 'Passed'")],
        ports: ["True", "False"]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) =>
        ValueTask.FromResult(ActivityOutcome.On(X.AsBoolean(context.Input("condition")) ? "True" : "False"));
}

/// <summary>Continues on the label of the first case whose condition holds (or of every such case), else on Default.</summary>
public sealed class FlowSwitchActivity : IActivityType
{
    public string TypeName => "Elsa.FlowSwitch";

    public JsonObject Descriptor { get; } = Activity("Elsa.FlowSwitch", "Branching", "Switch",
        "Evaluates cases in order and continues on the matching case's port, or Default.",
        [Input("Cases", "Object", "flow-switch-editor", description: "[{ label, condition }]"),
         Input("Mode", "String", options: ["MatchFirst", "MatchAny"])], ports: ["Default"]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var cases = context.Node.Json["cases"] is JsonArray inline ? inline : context.Input("cases") as JsonArray ?? [];
        var matchAny = context.Text("mode") == "MatchAny";
        var ports = new List<string>();
        foreach (var @case in cases.OfType<JsonObject>())
        {
            var condition = @case["condition"] is JsonObject expression ? new JsonObject { ["expression"] = expression.DeepClone() } : @case["condition"];
            if (!X.AsBoolean(X.Evaluate(condition, context.Scope))) continue;
            ports.Add(@case["label"]?.GetValue<string>() ?? "Default");
            if (!matchAny) break;
        }
        return ValueTask.FromResult(ActivityOutcome.On(ports.Count > 0 ? [.. ports] : ["Default"]));
    }
}

/// <summary>Continues on every named branch at once.</summary>
public sealed class FlowForkActivity : IActivityType
{
    public string TypeName => "Elsa.FlowFork";

    public JsonObject Descriptor { get; } = Activity("Elsa.FlowFork", "Branching", "Fork", "Continues on every branch at once.",
        [Input("Branches", "String[]", "dynamic-outcomes", description: "Branch names, e.g. Branch1, Branch2")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var branches = context.Input("branches") switch
        {
            JsonArray array => array.Select(b => X.AsText(b) ?? "").Where(b => b.Length > 0).ToArray(),
            var text => (X.AsText(text) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        // Without declared branches, every outgoing connection is a branch.
        if (branches.Length == 0)
            branches = context.Run.Flowchart.Connections.Where(c => c.Source == context.Node.Id).Select(c => c.SourcePort).Distinct().ToArray();
        return ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.Forked(branches));
    }
}

/// <summary>
/// Merges forked branches and continues on the path they were forked from. WaitAny (Elsa's default) continues on the first
/// branch to arrive and cancels the others (their waits and queued steps), so on the next pass of a loop it waits afresh;
/// WaitAll waits until every inbound connection has arrived.
/// </summary>
public sealed class FlowJoinActivity : IActivityType
{
    public string TypeName => "Elsa.FlowJoin";

    public JsonObject Descriptor { get; } = Activity("Elsa.FlowJoin", "Branching", "Join", "Merges branches: wait for any (the first continues), or for all.",
        [Input("Mode", "String", options: ["WaitAny", "WaitAll"], defaultValue: "WaitAny")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var state = context.Run.State;
        var id = context.Node.Id;
        var parent = Orchestration.Workflows.Runtime.Branches.Parent(context.Branch);
        if (context.Text("mode") != "WaitAll")
        {
            context.Run.CancelSiblingBranches(parent, id);
            return ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.Completed(["Done"]) { Branch = parent });
        }

        var arrived = state.JoinArrivals.TryGetValue(id, out var list) ? list : state.JoinArrivals[id] = [];
        if (context.ArrivedFrom is { } source && !arrived.Contains(source)) arrived.Add(source);
        var awaited = context.Run.Flowchart.Into(id).Select(c => c.Source).Distinct().Where(s => !arrived.Contains(s)).ToList();
        if (awaited.Count > 0) return ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.Arrived(awaited));
        state.JoinArrivals.Remove(id);
        return ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.Completed(["Done"]) { Branch = parent });
    }
}

public sealed class SetVariableActivity : IActivityType
{
    public string TypeName => "Elsa.SetVariable";

    public JsonObject Descriptor { get; } = Activity("Elsa.SetVariable", "Primitives", "Set Variable", "Assigns a value to a workflow variable.",
        [Input("Variable", "Object", "variable-picker"), Input("Value", "Object")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var variable = context.Node.Json["variable"];
        var name = variable switch
        {
            JsonObject reference when reference["name"] is not null => reference["name"]!.GetValue<string>(),
            JsonObject wrapped => X.AsText(X.Evaluate(wrapped, context.Scope)),
            _ => X.AsText(variable),
        } ?? throw new InvalidOperationException($"{context.Node.Id} names no variable.");
        context.Scope.Write(name, context.Input("value"));
        return ValueTask.FromResult(ActivityOutcome.Done);
    }
}

public sealed class WriteLineActivity : IActivityType
{
    public string TypeName => "Elsa.WriteLine";

    public JsonObject Descriptor { get; } = Activity("Elsa.WriteLine", "Console", "Write Line", "Writes a line to the log.", [Input("Text", "String")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        context.Logger.LogInformation("Workflow {InstanceId} {ActivityId}: {Text}", context.Run.InstanceId, context.Node.Id, context.Text("text"));
        return ValueTask.FromResult(ActivityOutcome.Done);
    }
}
