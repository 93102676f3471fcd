using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;
using static Orchestration.Workflows.Activities.Descriptors;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Activities;

/// <summary>A child instance to start: its id (known before it starts, so a parent can wait for it), definition, input and correlation id.</summary>
public sealed record ChildStart(Guid InstanceId, string DefinitionId, JsonObject? Input, string? CorrelationId);

/// <summary>What Execute Workflow and Dispatch Workflow share: their inputs, the wait for a child and the result a finished child gives.</summary>
public static class ChildWorkflows
{
    /// <summary>The bookmark kind of a parent waiting for a child; the key is the child's id.</summary>
    public const string Kind = "ChildWorkflow";

    public static string Key(Guid childId) => childId.ToString();

    /// <summary>Elsa's <c>ExecuteWorkflowResult</c>: the child's id, status and output.</summary>
    public static JsonObject Result(WorkflowInstance child, InstanceState state) => new()
    {
        ["workflowInstanceId"] = child.Id.ToString(),
        ["status"] = child.Status.ToString(),
        ["output"] = state.Output.DeepClone(),
    };

    internal static IEnumerable<JsonObject> Inputs(string verb) =>
    [
        Input("WorkflowDefinitionId", "String", "workflow-definition-picker", displayName: "Workflow Definition",
            description: $"The definition ID of the workflow to {verb}: a published workflow of the county (or of the shared library it runs)."),
        Input("CorrelationId", "String", displayName: "Correlation ID", description: "The correlation ID to associate the workflow with."),
        Input("Input", "Object", "json-editor", description: "The input to send to the workflow (an object; ParentInstanceId is added)."),
        Input("WaitForCompletion", "Boolean", "checkbox", defaultValue: false,
            description: "Wait for the child workflow to complete before completing this activity."),
    ];

    /// <summary>The child the activity asks for, with a new id.</summary>
    internal static ChildStart Read(ActivityExecution context)
    {
        var definitionId = context.Text("workflowDefinitionId") is { Length: > 0 } id ? id
            : throw new InvalidOperationException($"{context.Node.DisplayName} names no workflow definition.");
        var input = context.Input("input") switch
        {
            JsonObject given => given,
            JsonValue text when text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('{') => JsonNode.Parse(json) as JsonObject,
            JsonValue text when X.AsText(text) is not { Length: > 0 } => null,
            null => null,
            _ => throw new InvalidOperationException($"{context.Node.DisplayName}: Input is not an object."),
        };
        return new(Guid.CreateVersion7(), definitionId, input, context.Text("correlationId"));
    }

    internal static bool WaitForCompletion(ActivityExecution context) => X.AsBoolean(context.Input("waitForCompletion"));

    internal static WorkflowRuntime Runtime(ActivityExecution context) =>
        (context.Run.Services ?? throw new InvalidOperationException($"{context.Node.DisplayName} needs the server's services.")).GetRequiredService<WorkflowRuntime>();

    internal static ActivityOutcome Wait(Guid childId) => ActivityOutcome.Wait(new BookmarkRequest(Kind, Key(childId)));
}

/// <summary>
/// Elsa's Execute Workflow: starts a child instance of a published workflow of the county (input passed, <c>ParentInstanceId</c>
/// added, the parent recorded on the child) and runs it at once until it finishes or waits. With WaitForCompletion the activity waits
/// until the child finishes, then its Result is the child's id, status and output; without, it completes when the child has run
/// (its Result then says whether it finished). A child that faults leaves a waiting parent waiting, the incident on the child.
/// </summary>
public sealed class ExecuteWorkflowActivity : IActivityType
{
    public string TypeName => Flowchart.ExecuteWorkflowType;

    public bool CanBlock => true;

    public JsonObject Descriptor { get; } = Activity(Flowchart.ExecuteWorkflowType, "Composition", "Execute Workflow",
        "Create a new workflow instance of the specified workflow and execute it.", ChildWorkflows.Inputs("execute"),
        outputs: [Output("Result", "Object")], kind: "Task");

    public async ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var start = ChildWorkflows.Read(context);
        var child = await ChildWorkflows.Runtime(context).StartChildAsync(context.Run.Instance, start, context.Run.Actor ?? "system", CancellationToken.None);
        if (ChildWorkflows.WaitForCompletion(context) && child.Status != WorkflowStatus.Finished) return ChildWorkflows.Wait(child.Id);
        Completed(context, ChildWorkflows.Result(child, InstanceState.FromJson(child.StateJson)));
        return ActivityOutcome.Done;
    }

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        Completed(context, payload);
        return ValueTask.FromResult(ActivityOutcome.Done);
    }

    static void Completed(ActivityExecution context, JsonNode? result)
    {
        context.SetOutput("Result", result);
        context.LastResult = result?.DeepClone();
    }
}

/// <summary>
/// Elsa's Dispatch Workflow: a child instance of a published workflow of the county, started once this run is saved (in the same
/// unit of work), while the activity completes at once; with WaitForCompletion it waits until the child finishes, then its Result is
/// the child's output. A definition the county does not run (another county's) faults the step.
/// </summary>
public sealed class DispatchWorkflowActivity : IActivityType
{
    public const string Type = "Elsa.DispatchWorkflow";

    public string TypeName => Type;

    public bool CanBlock => true;

    public JsonObject Descriptor { get; } = Activity(Type, "Composition", "Dispatch Workflow",
        "Create a new workflow instance of the specified workflow and dispatch it for execution.", ChildWorkflows.Inputs("dispatch"),
        outputs: [Output("Result", "Object")]);

    public async ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var start = ChildWorkflows.Read(context);
        var store = context.Run.Services!.GetRequiredService<DefinitionStore>();
        if (await store.PublishedAsync(start.DefinitionId, context.Run.TenantId, CancellationToken.None) is null)
            throw new InvalidOperationException($"{context.Node.DisplayName}: no published workflow definition {start.DefinitionId} that county {context.Run.TenantId} runs.");
        context.Run.Dispatched.Add(start);
        if (ChildWorkflows.WaitForCompletion(context)) return ChildWorkflows.Wait(start.InstanceId);
        context.SetOutput("Result", new JsonObject { ["workflowInstanceId"] = start.InstanceId.ToString() });
        return ActivityOutcome.Done;
    }

    public ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload)
    {
        var output = payload?["output"]?.DeepClone();
        context.SetOutput("Result", output);
        context.LastResult = output;
        return ValueTask.FromResult(ActivityOutcome.Done);
    }
}
