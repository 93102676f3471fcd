using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Expressions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Activities;

/// <summary>What an activity did: continue on some ports, wait on a bookmark, or end the whole workflow.</summary>
public abstract record ActivityOutcome
{
    /// <summary>Continues on <paramref name="Ports"/>; a join continues on <see cref="Branch"/>, the path its branches were forked from.</summary>
    public sealed record Completed(IReadOnlyList<string> Ports) : ActivityOutcome
    {
        public string? Branch { get; init; }
    }

    /// <summary>A fork: each port continues on a branch of its own.</summary>
    public sealed record Forked(IReadOnlyList<string> Ports) : ActivityOutcome;

    /// <summary>This path ends here (Elsa's <c>End</c>); the instance finishes when no other path is running or waiting.</summary>
    public sealed record PathEnded : ActivityOutcome;

    public sealed record Blocked(BookmarkRequest Bookmark) : ActivityOutcome;

    public sealed record WorkflowFinished : ActivityOutcome;

    /// <summary>A structured activity runs its children (<paramref name="Children"/>, ids); a fork gives each a branch of its own.</summary>
    public sealed record Scheduled(IReadOnlyList<string> Children) : ActivityOutcome
    {
        public bool Fork { get; init; }
    }

    /// <summary>A structured activity waits for more of its children (a fork that waits for all its branches).</summary>
    public sealed record Pending : ActivityOutcome;

    /// <summary>
    /// A branch reached a join that waits for all its inbound paths (<paramref name="Awaited"/>, those still to come): the branch is
    /// over, and the join has neither completed nor continued. Journaled as <c>Arrived</c>, never as a completed step.
    /// </summary>
    public sealed record Arrived(IReadOnlyList<string> Awaited) : ActivityOutcome;

    /// <summary>Elsa's <c>Break</c>: the nearest enclosing loop stops (whatever of it still runs or waits is cancelled) and completes.</summary>
    public sealed record BreakLoop : ActivityOutcome;

    /// <summary>Elsa's <c>Complete</c>: the enclosing workflow-as-activity completes at once on <paramref name="Ports"/>.</summary>
    public sealed record CompleteComposite(IReadOnlyList<string> Ports) : ActivityOutcome;

    public static ActivityOutcome Done { get; } = new Completed(["Done"]);

    public static ActivityOutcome On(params string[] ports) => new Completed(ports);

    public static ActivityOutcome Wait(BookmarkRequest bookmark) => new Blocked(bookmark);
}

/// <summary>A wait: a timer (<paramref name="DueAt"/>), a named event, or a domain service's answer, found again by <paramref name="Key"/>.</summary>
public sealed record BookmarkRequest(string Kind, string Key, DateTimeOffset? DueAt = null, JsonObject? Payload = null);

public static class BookmarkKinds
{
    public const string Timer = "Timer";
    public const string Event = "Event";
    public const string DomainResult = "DomainResult";

    /// <summary>An HTTP Request activity's answer: the request is sent by <see cref="Runtime.HttpCallDispatcher"/>, outside the step's transaction.</summary>
    public const string HttpCall = "HttpCall";
}

/// <summary>Everything an activity may use while it runs.</summary>
public sealed class ActivityExecution(ActivityNode node, RunContext run)
{
    ExpressionScope? scope;

    public ActivityNode Node { get; } = node;

    public RunContext Run { get; } = run;

    /// <summary>The branch this step runs on (<see cref="Branches.Main"/> outside a fork).</summary>
    public string Branch { get; init; } = Branches.Main;

    /// <summary>
    /// What expressions of this step see: the variables and input (of the workflow-as-activity it runs in, if any), the last result
    /// of its own branch, and the outputs activities left.
    /// </summary>
    public ExpressionScope Scope => scope ??= Run.ScopeFor(Branch, Node.Scope);

    /// <summary>
    /// Sets one of the activity's outputs: kept for <c>getOutputFrom</c> and, when the definition binds the output to a variable
    /// (<c>{ memoryReference: { id } }</c>), written to that variable.
    /// </summary>
    public void SetOutput(string name, JsonNode? value)
    {
        Run.SetOutput(Node, name, value);
        scope = null;
    }

    /// <summary>The last domain result or event payload on this step's branch.</summary>
    public JsonNode? LastResult
    {
        get => Run.State.ResultOf(Branch);
        set
        {
            Run.State.SetResult(Branch, value);
            scope = null;
        }
    }

    public DateTimeOffset Now => Run.Now;

    public IWorkingDayCalendar Calendar => Run.Calendar;

    public ILogger Logger => Run.Logger;

    /// <summary>The activity id of the connection this run arrived by, for joins.</summary>
    public string? ArrivedFrom { get; init; }

    /// <summary>The evaluated value of one of the activity's inputs (camelCase property of the activity JSON).</summary>
    public JsonNode? Input(string name) => Expressions.Expressions.Evaluate(Node.Json[name], Scope);

    public string? Text(string name) => Expressions.Expressions.AsText(Input(name));
}

/// <summary>An activity type the runtime can run and the designer can show.</summary>
public interface IActivityType
{
    string TypeName { get; }

    /// <summary>The Elsa <c>ActivityDescriptor</c> for <c>/descriptors/activities</c>.</summary>
    JsonObject Descriptor { get; }

    /// <summary>True when the activity can stop a run (a timer, an event, a domain command): a cycle needs one.</summary>
    bool CanBlock => false;

    ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context);

    ValueTask<ActivityOutcome> ResumeAsync(ActivityExecution context, JsonNode? payload) => ValueTask.FromResult(ActivityOutcome.Done);

    /// <summary>The outputs the activity declares (its descriptor's); only these are kept per instance.</summary>
    IReadOnlyList<string> OutputNames => [.. (Descriptor["outputs"] as JsonArray ?? []).Select(o => o?["name"]?.GetValue<string>()).OfType<string>()];
}

/// <summary>A structured activity: told when one of its children completes, it runs another, waits, or completes itself.</summary>
public interface IContainerActivity
{
    /// <summary>
    /// <paramref name="childId"/> completed (for a nested flowchart: nothing of it runs or waits any more). The context is the
    /// container's, on the branch the child completed on.
    /// </summary>
    ActivityOutcome ChildCompleted(ActivityExecution context, string childId);
}
