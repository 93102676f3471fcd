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
    public sealed record Completed(IReadOnlyList<string> Ports) : ActivityOutcome;

    public sealed record Blocked(BookmarkRequest Bookmark) : ActivityOutcome;

    public sealed record WorkflowFinished : ActivityOutcome;

    public static ActivityOutcome Done { get; } = new Completed(["Done"]);

    public static ActivityOutcome On(params string[] ports) => new Completed(ports);

    public static ActivityOutcome Wait(BookmarkRequest bookmark) => new Blocked(bookmark);

    public static ActivityOutcome Nothing { get; } = new Completed([]);
}

/// <summary>A wait: a timer (<paramref name="DueAt"/>), a named event, or a domain service's answer, found again by <paramref name="Key"/>.</summary>
public sealed record BookmarkRequest(string Kind, string Key, DateTimeOffset? DueAt = null, JsonObject? Payload = null);

public static class BookmarkKinds
{
    public const string Timer = "Timer";
    public const string Event = "Event";
    public const string DomainResult = "DomainResult";
}

/// <summary>Everything an activity may use while it runs.</summary>
public sealed class ActivityExecution(ActivityNode node, RunContext run)
{
    public ActivityNode Node { get; } = node;

    public RunContext Run { get; } = run;

    public ExpressionScope Scope => Run.Scope;

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
}
