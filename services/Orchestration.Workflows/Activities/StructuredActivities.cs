using System.Globalization;
using System.Text.Json.Nodes;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;
using static Orchestration.Workflows.Activities.Descriptors;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Activities;

/// <summary>
/// A flowchart: the root of most definitions, or nested in a structured activity. Nested, it starts at its Start activity (else
/// at every child nothing leads into) and completes when none of its paths runs or waits any more.
/// </summary>
public sealed class FlowchartActivity : IActivityType, IContainerActivity
{
    public string TypeName => ElsaJson.FlowchartType;

    public JsonObject Descriptor { get; } = Activity(ElsaJson.FlowchartType, "Flow", "Flowchart", "A flowchart container.",
        isContainer: true, outputs: [Output("Result", "Object")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) =>
        ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.Scheduled(context.Run.Flowchart.EntriesOf(context.Node.Id)));

    /// <summary>The engine asks only when nothing of the flowchart runs or waits any more.</summary>
    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId) => ActivityOutcome.Done;
}

/// <summary>Elsa's Sequence: its activities one after the other; it completes after the last.</summary>
public sealed class SequenceActivity : IActivityType, IContainerActivity
{
    public string TypeName => "Elsa.Sequence";

    public JsonObject Descriptor { get; } = Activity("Elsa.Sequence", "Workflows", "Sequence", "Execute a set of activities in sequence.",
        isContainer: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) =>
        ValueTask.FromResult<ActivityOutcome>(context.Node.Children is [var first, ..] ? new ActivityOutcome.Scheduled([first.Child]) : ActivityOutcome.Done);

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId)
    {
        var children = context.Node.Children;
        var index = children.ToList().FindIndex(c => c.Child == childId);
        return index >= 0 && index + 1 < children.Count ? new ActivityOutcome.Scheduled([children[index + 1].Child]) : ActivityOutcome.Done;
    }
}

/// <summary>Elsa's If: runs Then when the condition holds, else Else; its output Result is the condition.</summary>
public sealed class IfActivity : IActivityType, IContainerActivity
{
    public string TypeName => "Elsa.If";

    public JsonObject Descriptor { get; } = Activity("Elsa.If", "Branching", "If",
        "Evaluate a Boolean condition to determine which activity to execute next.", [Input("Condition", "Boolean")],
        embeddedPorts: ["Then", "Else"], outputs: [Output("Result", "Boolean")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var condition = X.AsBoolean(context.Input("condition"));
        context.SetOutput("Result", condition);
        var slot = condition ? "then" : "else";
        return ValueTask.FromResult<ActivityOutcome>(context.Node.Children.Where(c => c.Slot == slot).Select(c => c.Child).FirstOrDefault() is { } child
            ? new ActivityOutcome.Scheduled([child])
            : ActivityOutcome.Done);
    }

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId) => ActivityOutcome.Done;
}

/// <summary>
/// Elsa's Switch: runs the activity of the first case whose condition holds (MatchFirst, the default) or of every such case
/// (MatchAny), else Default; it completes when what it ran has completed.
/// </summary>
public sealed class SwitchActivity : IActivityType, IContainerActivity
{
    public string TypeName => "Elsa.Switch";

    public JsonObject Descriptor { get; } = Activity("Elsa.Switch", "Branching", "Switch",
        "Evaluate a set of case conditions and schedule the activity for a matching case.",
        [Input("Cases", "Object", "switch-editor", description: "[{ label, condition, activity }]"),
         Input("Mode", "String", options: ["MatchFirst", "MatchAny"], defaultValue: "MatchFirst")], embeddedPorts: ["Default"]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var matchAny = context.Text("mode") == "MatchAny";
        var cases = context.Node.Json["cases"] as JsonArray ?? [];
        var matched = new List<int>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i] is not JsonObject @case) continue;
            var condition = @case["condition"] is JsonObject expression && expression["type"] is not null
                ? new JsonObject { ["expression"] = expression.DeepClone() }
                : @case["condition"];
            if (!X.AsBoolean(X.Evaluate(condition, context.Scope))) continue;
            matched.Add(i);
            if (!matchAny) break;
        }
        var slots = matched.Count > 0 ? matched.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList() : ["default"];
        var children = context.Node.Children.Where(c => slots.Contains(c.Slot)).Select(c => c.Child).ToList();
        // What it ran and has yet to complete.
        context.Run.State.JoinArrivals[context.Node.Id] = [.. children];
        return ValueTask.FromResult<ActivityOutcome>(children.Count > 0 ? new ActivityOutcome.Scheduled(children) : ActivityOutcome.Done);
    }

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId)
    {
        var state = context.Run.State;
        if (state.JoinArrivals.TryGetValue(context.Node.Id, out var remaining))
        {
            remaining.Remove(childId);
            if (remaining.Count > 0) return new ActivityOutcome.Pending();
        }
        state.JoinArrivals.Remove(context.Node.Id);
        return ActivityOutcome.Done;
    }
}

/// <summary>
/// Elsa's ForEach: runs its body once per item of Items, in order, with the item as its output CurrentValue (and in the variable
/// that output is bound to); a Break in the body ends the loop. The items are read once, when the loop starts.
/// </summary>
public sealed class ForEachActivity : IActivityType, IContainerActivity
{
    public string TypeName => "Elsa.ForEach";

    public JsonObject Descriptor { get; } = Activity("Elsa.ForEach", "Looping", "For Each", "Iterate over a set of values.",
        [Input("Items", "Object", "multitext", description: "The set of values to iterate.")], embeddedPorts: ["Body"],
        outputs: [Output("CurrentValue", "Object")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        context.Run.State.Loops[context.Node.Id] = new LoopState { Items = ItemsOf(context), Index = -1 };
        return ValueTask.FromResult(Next(context));
    }

    /// <summary>The loop's Items: an array, JSON text of one, nothing (no items) or a single value (one item).</summary>
    internal static JsonArray ItemsOf(ActivityExecution context) => context.Input("items") switch
    {
        JsonArray array => array,
        JsonValue text when text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('[') => JsonNode.Parse(json) as JsonArray ?? [],
        null => [],
        var single => new JsonArray(single.DeepClone()),
    };

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId) => Next(context);

    /// <summary>Runs the body for the loop's next item, or completes the loop after its last one.</summary>
    internal static ActivityOutcome Next(ActivityExecution context)
    {
        var loops = context.Run.State.Loops;
        if (!loops.TryGetValue(context.Node.Id, out var loop)) return ActivityOutcome.Done;
        loop.Index++;
        var body = context.Node.Children.Where(c => c.Slot == "body").Select(c => c.Child).FirstOrDefault();
        if (loop.Index >= loop.Items.Count || body is null)
        {
            loops.Remove(context.Node.Id);
            return ActivityOutcome.Done;
        }
        context.SetOutput("CurrentValue", loop.Items[loop.Index]);
        return new ActivityOutcome.Scheduled([body]);
    }
}

/// <summary>
/// Elsa's ParallelForEach: schedules its body for every item of Items at once, each on a branch of its own with the branch-local
/// variables <c>CurrentValue</c> (the item) and <c>CurrentIndex</c> (its position) that Elsa declares per iteration
/// (<c>getCurrentValue()</c>, <c>variables.CurrentValue</c>). Bodies that wait keep the loop open; it completes when every body has
/// completed, and a Break in any body ends it, cancelling what the other bodies still run or wait for.
/// </summary>
public sealed class ParallelForEachActivity : IActivityType, IContainerActivity
{
    public const string Type = "Elsa.ParallelForEach";

    public string TypeName => Type;

    public JsonObject Descriptor { get; } = Activity(Type, "Looping", "Parallel For Each", "Schedule an activity for each item in parallel.",
        [Input("Items", "Object", "multitext", description: "The items to iterate through.")], embeddedPorts: ["Body"]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var state = context.Run.State;
        var items = ForEachActivity.ItemsOf(context);
        var body = context.Node.Children.Where(c => c.Slot == "body").Select(c => c.Child).FirstOrDefault();
        End(context.Run, context.Node.Id, context.Branch);
        if (body is null || items.Count == 0) return ValueTask.FromResult(ActivityOutcome.Done);
        state.Loops[context.Node.Id] = new LoopState { Items = items, Index = items.Count };
        state.JoinArrivals[context.Node.Id] = [];
        for (var i = 0; i < items.Count; i++)
            state.BranchVariables[Iteration(context.Branch, context.Node.Id, i)] = new JsonObject
            {
                ["CurrentValue"] = items[i]?.DeepClone(),
                ["CurrentIndex"] = i,
            };
        return ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.Scheduled([.. Enumerable.Repeat(body, items.Count)]) { Fork = true });
    }

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId)
    {
        var state = context.Run.State;
        var iteration = Branches.OwnBranch(context.Branch, context.Node.Id) ?? context.Branch;
        var outer = Branches.Parent(iteration);
        var arrived = state.JoinArrivals.TryGetValue(context.Node.Id, out var list) ? list : state.JoinArrivals[context.Node.Id] = [];
        if (!arrived.Contains(iteration)) arrived.Add(iteration);
        var count = state.Loops.GetValueOrDefault(context.Node.Id)?.Items.Count ?? 0;
        if (arrived.Count < count) return new ActivityOutcome.Pending();
        End(context.Run, context.Node.Id, outer);
        return new ActivityOutcome.Completed(["Done"]) { Branch = outer };
    }

    /// <summary>The branch of iteration <paramref name="index"/> (what the engine gives the body it scheduled in that place).</summary>
    static string Iteration(string branch, string loopId, int index) =>
        Branches.Child(branch, loopId, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>The loop on <paramref name="outer"/> is over (or starts again): its items, arrivals and iterations' variables are forgotten.</summary>
    internal static void End(RunContext run, string loopId, string outer)
    {
        var state = run.State;
        state.Loops.Remove(loopId);
        state.JoinArrivals.Remove(loopId);
        var prefix = Branches.Child(outer, loopId, "");
        foreach (var key in state.BranchVariables.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            state.BranchVariables.Remove(key);
    }
}

/// <summary>
/// Elsa's For: runs its body for each number from Start to End by Step (End included unless OuterBoundInclusive is false), the
/// number as its output CurrentValue; a Break in the body ends it. The count is kept with the instance, so the body may wait.
/// </summary>
public sealed class ForActivity : IActivityType, IContainerActivity
{
    /// <summary>Most passes one For makes: a range larger than this is a mistake in the definition, refused when it runs.</summary>
    public const int MaxPasses = 10_000;

    public string TypeName => "Elsa.For";

    public JsonObject Descriptor { get; } = Activity("Elsa.For", "Looping", "For", "Iterate over a sequence of steps between a start and an end number.",
        [Input("Start", "Int32", defaultValue: 0, description: "The first number."),
         Input("End", "Int32", defaultValue: 0, description: "The last number."),
         Input("Step", "Int32", defaultValue: 1, description: "Added each pass; negative counts down."),
         Input("OuterBoundInclusive", "Boolean", "checkbox", displayName: "Include the end", defaultValue: true, description: "Whether End itself is run.")],
        embeddedPorts: ["Body"], outputs: [Output("CurrentValue", "Object")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var start = X.AsInt(context.Input("start")) ?? 0;
        var end = X.AsInt(context.Input("end")) ?? 0;
        var step = X.AsInt(context.Input("step")) ?? 1;
        var inclusive = context.Input("outerBoundInclusive") is not { } bound || X.AsBoolean(bound);
        if (step == 0) throw new InvalidOperationException($"{context.Node.DisplayName}: Step is 0, so the loop would never end.");
        var items = new JsonArray();
        for (long i = start; step > 0 ? (inclusive ? i <= end : i < end) : (inclusive ? i >= end : i > end); i += step)
        {
            if (items.Count == MaxPasses)
                throw new InvalidOperationException($"{context.Node.DisplayName}: from {start} to {end} by {step} is more than {MaxPasses} passes.");
            items.Add((int)i);
        }
        context.Run.State.Loops[context.Node.Id] = new LoopState { Items = items, Index = -1 };
        return ValueTask.FromResult(ForEachActivity.Next(context));
    }

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId) => ForEachActivity.Next(context);
}

/// <summary>Elsa's While: runs its body as long as the condition holds, evaluated before each pass; a Break in the body ends it.</summary>
public sealed class WhileActivity : IActivityType, IContainerActivity
{
    public string TypeName => "Elsa.While";

    public JsonObject Descriptor { get; } = Activity("Elsa.While", "Looping", "While",
        "Execute an activity while a given condition evaluates to true.", [Input("Condition", "Boolean")], embeddedPorts: ["Body"]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) => ValueTask.FromResult(Next(context));

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId) => Next(context);

    static ActivityOutcome Next(ActivityExecution context)
    {
        var body = context.Node.Children.Where(c => c.Slot == "body").Select(c => c.Child).FirstOrDefault();
        return body is not null && X.AsBoolean(context.Input("condition")) ? new ActivityOutcome.Scheduled([body]) : ActivityOutcome.Done;
    }
}

/// <summary>Elsa's Break: ends the nearest enclosing loop (ForEach, For, While); what else of the loop runs or waits is cancelled.</summary>
public sealed class BreakActivity : IActivityType
{
    public string TypeName => "Elsa.Break";

    public JsonObject Descriptor { get; } = Activity("Elsa.Break", "Looping", "Break", "Break out of a loop.", isTerminal: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context) => ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.BreakLoop());
}

/// <summary>
/// Elsa's Fork: runs every branch at once, each on a branch of its own. JoinMode WaitAll (Elsa's default) completes when every
/// branch has completed; WaitAny completes when the first does and cancels what the others still run or wait for.
/// </summary>
public sealed class ForkActivity : IActivityType, IContainerActivity
{
    public string TypeName => "Elsa.Fork";

    public JsonObject Descriptor { get; } = Activity("Elsa.Fork", "Control Flow", "Fork", "Branch execution into multiple branches.",
        [Input("JoinMode", "String", options: ["WaitAll", "WaitAny"], defaultValue: "WaitAll")], isContainer: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var branches = context.Node.Children.Select(c => c.Child).ToList();
        context.Run.State.JoinArrivals.Remove(context.Node.Id);
        return ValueTask.FromResult<ActivityOutcome>(branches.Count == 0 ? ActivityOutcome.Done : new ActivityOutcome.Scheduled(branches) { Fork = true });
    }

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId)
    {
        var parent = Branches.Parent(context.Branch);
        if (context.Text("joinMode") == "WaitAny")
        {
            context.Run.CancelWithin(context.Node.Id, $"branch joined at {context.Node.Id}");
            return new ActivityOutcome.Completed(["Done"]) { Branch = parent };
        }
        var state = context.Run.State;
        var arrived = state.JoinArrivals.TryGetValue(context.Node.Id, out var list) ? list : state.JoinArrivals[context.Node.Id] = [];
        if (!arrived.Contains(childId)) arrived.Add(childId);
        if (!context.Node.Children.All(c => arrived.Contains(c.Child))) return new ActivityOutcome.Pending();
        state.JoinArrivals.Remove(context.Node.Id);
        return new ActivityOutcome.Completed(["Done"]) { Branch = parent };
    }
}

/// <summary>
/// A published workflow used as an activity (Elsa's workflow-definition activity), run inline in the instance: its inputs are the
/// activity's inputs named after the definition's inputs, it has its own variables, its <c>SetOutput</c>s become the activity's
/// outputs, and it completes on Done, or on the outcomes a <c>Complete</c> in it names.
/// </summary>
public sealed class CompositeActivity : IActivityType, IContainerActivity
{
    public string TypeName => Flowchart.CompositeRunner;

    public JsonObject Descriptor { get; } = Activity(Flowchart.CompositeRunner, "Workflows", "Workflow", "A published workflow used as an activity.",
        isContainer: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var definition = context.Node.Definition ?? throw new InvalidOperationException($"{context.Node.DisplayName} names no workflow.");
        var state = new CompositeState();
        var outer = context.Scope;
        foreach (var input in (definition["inputs"] as JsonArray ?? []).OfType<JsonObject>())
            if (input.Text("name") is { } name)
                state.Input[name] = X.Evaluate(context.Node.Json[PropertyName(name)] ?? context.Node.Json[name], outer);
        foreach (var variable in (definition["variables"] as JsonArray ?? []).OfType<JsonObject>())
            if (variable.Text("name") is { } name) state.Variables[name] = variable["value"]?.DeepClone();
        context.Run.State.Composites[context.Node.Id] = state;
        return ValueTask.FromResult<ActivityOutcome>(context.Node.Children is [var root, ..] ? new ActivityOutcome.Scheduled([root.Child]) : ActivityOutcome.Done);
    }

    public ActivityOutcome ChildCompleted(ActivityExecution context, string childId)
    {
        Close(context.Run, context.Node);
        return ActivityOutcome.Done;
    }

    /// <summary>The workflow-as-activity is over: what it set as outputs becomes the activity's outputs, and its scope is forgotten.</summary>
    internal static void Close(RunContext run, ActivityNode composite)
    {
        if (!run.State.Composites.Remove(composite.Id, out var state)) return;
        foreach (var (name, value) in state.Output) run.SetOutput(composite, name, value);
    }
}

/// <summary>Elsa's Complete: the workflow used as an activity it runs in completes at once, on the outcomes it names (else Done).</summary>
public sealed class CompleteActivity : IActivityType
{
    public string TypeName => "Elsa.Complete";

    public JsonObject Descriptor { get; } = Activity("Elsa.Complete", "Composition", "Complete",
        "Signals the current composite activity to complete itself as a whole.",
        [Input("Outcomes", "Object", "outcome-picker")], isTerminal: true);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var outcomes = context.Input("outcomes") switch
        {
            JsonArray array => array.Select(X.AsText).OfType<string>().ToList(),
            JsonValue text when text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('[') =>
                (JsonNode.Parse(json) as JsonArray ?? []).Select(X.AsText).OfType<string>().ToList(),
            null => [],
            var single => [X.AsText(single)!],
        };
        return ValueTask.FromResult<ActivityOutcome>(new ActivityOutcome.CompleteComposite(outcomes.Count > 0 ? outcomes : ["Done"]));
    }
}
