using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// Runs a flowchart: steps are taken from a queue until none is left; an activity that completes schedules the targets of
/// its ports, one that blocks leaves a bookmark, one that throws raises an incident. Every step is journaled (C1) and is a span.
/// </summary>
/// <summary>A step to run: the activity, the one it was reached from, the branch it runs on; a released merge runs at once.</summary>
internal readonly record struct Step(string ActivityId, string? From, string Branch, bool Merged = false);

public sealed class WorkflowEngine(ActivityRegistry registry, Microsoft.Extensions.Options.IOptions<WorkflowOptions>? options = null)
{
    public static readonly ActivitySource Telemetry = new("Orchestration.Workflows");

    /// <summary>The default step budget of one run (a start or a resume) that never waits.</summary>
    public const int DefaultMaxStepsPerRun = 10_000;

    /// <summary>
    /// A run (a start or a resume) that takes this many steps without waiting is a runaway loop: the instance faults with an incident
    /// naming the activity it reached (setting <c>Workflows:MaxStepsPerRun</c>). Loops without a waiting step are allowed, as in Elsa.
    /// </summary>
    public int MaxStepsPerRun { get; } = options?.Value.MaxStepsPerRun is > 0 and var max ? max : DefaultMaxStepsPerRun;

    public ActivityRegistry Registry => registry;

    public Task RunAsync(RunContext run, IEnumerable<(string ActivityId, string? From)> scheduled, CancellationToken cancellationToken) =>
        RunAsync(run, scheduled.Select(s => new Step(s.ActivityId, s.From, Branches.Main)), cancellationToken);

    internal async Task RunAsync(RunContext run, IEnumerable<Step> scheduled, CancellationToken cancellationToken)
    {
        run.Registry = registry;
        var queue = run.Queue = new Queue<Step>(scheduled);
        var steps = 0;
        while (run.Instance.Status is WorkflowStatus.Running)
        {
            if (queue.Count == 0 && !ReleaseMerges(run, queue)) break;
            cancellationToken.ThrowIfCancellationRequested();
            var step = queue.Dequeue();
            var (activityId, from, branch) = (step.ActivityId, step.From, step.Branch);
            if (!run.Flowchart.Activities.TryGetValue(activityId, out var node))
            {
                Fault(run, activityId, from, branch, new InvalidOperationException($"Activity {activityId} does not exist in version {run.Instance.Version}."));
                return;
            }

            if (++steps > MaxStepsPerRun)
            {
                Fault(run, activityId, from, branch, new InvalidOperationException(
                    $"{MaxStepsPerRun} steps in one run without a wait (Workflows:MaxStepsPerRun): a loop that never waits or ends was stopped at {activityId}."));
                return;
            }

            var type = registry.Find(node.Runner);
            if (type is null)
            {
                Fault(run, activityId, from, branch, new InvalidOperationException($"Unknown activity type {node.Type}: {node.DisplayName} is a missing activity."));
                return;
            }

            if (!step.Merged && WaitsForOtherPaths(run, node, step)) continue;

            using var span = StepSpan(run, node);
            run.Journal.Append(run.Now, "Started", node.Id, node.Type, node.Name, cadreId: run.Instance.CadreId);
            ActivityOutcome outcome;
            try
            {
                outcome = await type.ExecuteAsync(new ActivityExecution(node, run) { ArrivedFrom = from, Branch = branch });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                span.Faulted(ex.Message);
                Fault(run, activityId, from, branch, ex);
                return;
            }

            Apply(run, node, branch, outcome, queue);
        }

        Settle(run);
    }

    /// <summary>
    /// An activity with several inbound connections (an implicit join, as in Elsa's flowchart) runs once, when the paths still
    /// running or waiting that could reach it have arrived: an arrival while another path can still get there is recorded and waits.
    /// </summary>
    static bool WaitsForOtherPaths(RunContext run, ActivityNode node, Step step)
    {
        if (step.From is null || node.Type == "Elsa.FlowJoin" || run.Flowchart.Into(node.Id).Select(c => c.Source).Distinct().Count() < 2) return false;
        if (!OtherPathCanReach(run, node.Id))
        {
            run.State.MergeArrivals.Remove(node.Id);
            return false;
        }
        var arrivals = run.State.MergeArrivals.TryGetValue(node.Id, out var list) ? list : run.State.MergeArrivals[node.Id] = [];
        arrivals.Add(MergeArrival(step.From, step.Branch));
        run.Journal.Append(run.Now, "Merging", node.Id, node.Type, node.Name, message: $"arrived from {step.From}; waiting for the other paths",
            cadreId: run.Instance.CadreId);
        return true;
    }

    static string MergeArrival(string from, string branch) => $"{from}\u001f{branch}";

    /// <summary>Queued steps and waits of the instance from which <paramref name="activityId"/> can still be reached.</summary>
    static bool OtherPathCanReach(RunContext run, string activityId) =>
        run.Queue!.Any(q => q.ActivityId == activityId || run.Flowchart.Reaches(q.ActivityId, activityId))
        || run.Db.ChangeTracker.Entries<BookmarkRecord>().Any(e => e.Entity.InstanceId == run.InstanceId
            && e.State is Microsoft.EntityFrameworkCore.EntityState.Added or Microsoft.EntityFrameworkCore.EntityState.Unchanged or Microsoft.EntityFrameworkCore.EntityState.Modified
            && run.Flowchart.Reaches(e.Entity.ActivityId, activityId));

    /// <summary>With nothing queued, merges that no path can reach any more run now. True when it queued one.</summary>
    static bool ReleaseMerges(RunContext run, Queue<Step> queue)
    {
        foreach (var (activityId, arrivals) in run.State.MergeArrivals.ToList())
        {
            if (arrivals.Count == 0 || OtherPathCanReach(run, activityId)) continue;
            run.State.MergeArrivals.Remove(activityId);
            var last = arrivals[^1].Split('\u001f');
            queue.Enqueue(new Step(activityId, last[0], last.Length > 1 ? last[1] : Branches.Main, Merged: true));
            return true;
        }
        return false;
    }

    /// <summary>Runs a new instance from the trigger activity that started it: the trigger completes at once, as in Elsa.</summary>
    public async Task StartFromTriggerAsync(RunContext run, string activityId, CancellationToken cancellationToken, JsonNode? payload = null)
    {
        if (!run.Flowchart.Activities.TryGetValue(activityId, out var node))
        {
            Fault(run, activityId, null, Branches.Main, new InvalidOperationException($"The trigger {activityId} does not exist in version {run.Instance.Version}."));
            return;
        }

        run.Registry = registry;
        var queue = run.Queue = new Queue<Step>();
        using (StepSpan(run, node))
        {
            run.Journal.Append(run.Now, "Triggered", node.Id, node.Type, node.Name, payloadJson: payload?.ToJsonString(), cadreId: run.Instance.CadreId);
            var outcome = ActivityOutcome.Done;
            if (payload is not null && registry.Find(node.Runner) is { } type)
                outcome = await type.ResumeAsync(new ActivityExecution(node, run), payload); // what started it (an HTTP request) is its output
            Apply(run, node, Branches.Main, outcome, queue);
        }
        await RunAsync(run, queue.ToList(), cancellationToken);
    }

    /// <summary>Continues an instance at a bookmark with what arrived (a result event, an event payload, or nothing for a timer).</summary>
    public async Task ResumeAsync(RunContext run, BookmarkRecord bookmark, JsonNode? payload, string actor, CancellationToken cancellationToken)
    {
        run.Registry = registry;
        var node = run.Flowchart.Activities.GetValueOrDefault(bookmark.ActivityId);
        var type = node is null ? null : registry.Find(node.Runner);
        var branch = BranchOf(bookmark);
        if (node is null || type is null)
        {
            Fault(run, bookmark.ActivityId, null, branch, new InvalidOperationException($"The waiting activity {bookmark.ActivityId} is no longer runnable."));
            return;
        }

        var queue = run.Queue = new Queue<Step>();
        using (var span = StepSpan(run, node, bookmark.TraceParent))
        {
            run.Journal.Append(run.Now, "Resumed", node.Id, node.Type, node.Name, message: bookmark.Kind, payloadJson: payload?.ToJsonString(),
                actor: actor, cadreId: run.Instance.CadreId);
            if (bookmark.Kind == BookmarkKinds.DomainResult) RecordAccountability(run, node, payload, actor); // the service's record, not what was typed in
            ActivityOutcome outcome;
            try
            {
                outcome = await type.ResumeAsync(new ActivityExecution(node, run) { Branch = branch }, payload);
                run.Refresh();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                span.Faulted(ex.Message);
                Fault(run, node.Id, null, branch, ex);
                return;
            }

            Apply(run, node, branch, outcome, queue);
        }

        await RunAsync(run, queue.ToList(), cancellationToken);
    }

    /// <summary>The branch a wait was left on (kept in the bookmark's payload; the main path when none).</summary>
    internal static string BranchOf(BookmarkRecord bookmark) =>
        bookmark.PayloadJson is { } json && json.Contains("\"branch\"", StringComparison.Ordinal) && JsonNode.Parse(json)?["branch"] is JsonValue value
            && value.TryGetValue<string>(out var branch) ? branch : Branches.Main;

    void Apply(RunContext run, ActivityNode node, string branch, ActivityOutcome outcome, Queue<Step> queue)
    {
        switch (outcome)
        {
            case ActivityOutcome.Completed completed:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, message: string.Join(",", completed.Ports), cadreId: run.Instance.CadreId);
                var next = completed.Branch ?? branch;
                if (completed.Branch is { } joined && joined != branch)
                {
                    // The joined path goes on with what the branch that completed the join knew; the forked branches are over.
                    run.State.SetResult(joined, run.State.ResultOf(branch));
                    run.State.EndFork(ForkPrefix(branch));
                }
                Continue(run, node, next, completed.Ports, queue);
                break;

            case ActivityOutcome.Arrived arrived:
                // Not a completion: the viewer and the cadre's record show the join once, when the last of its paths arrives.
                run.Journal.Append(run.Now, "Arrived", node.Id, node.Type, node.Name, message: "awaiting " + string.Join(",", arrived.Awaited),
                    cadreId: run.Instance.CadreId);
                Continue(run, node, branch, [], queue);
                break;

            case ActivityOutcome.Scheduled scheduled:
                if (scheduled.Children.Count == 0)
                {
                    Apply(run, node, branch, ActivityOutcome.Done, queue);
                    break;
                }
                for (var i = 0; i < scheduled.Children.Count; i++)
                {
                    var child = branch;
                    if (scheduled.Fork)
                    {
                        child = Branches.Child(branch, node.Id, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        run.State.SetResult(child, run.State.ResultOf(branch));
                    }
                    queue.Enqueue(new Step(scheduled.Children[i], node.Id, child));
                }
                break;

            case ActivityOutcome.BreakLoop:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, message: "break", cadreId: run.Instance.CadreId);
                if (run.Flowchart.Enclosing(node.Id, "Elsa.ForEach", "Elsa.For", "Elsa.While", ParallelForEachActivity.Type) is { } loop)
                {
                    run.CancelWithin(loop.Id, $"break at {node.Id}");
                    if (loop.Runner == ParallelForEachActivity.Type && Branches.OwnBranch(branch, loop.Id) is { } iteration)
                    {
                        // The other iterations are cancelled; the path the loop was reached on goes on.
                        var outer = Branches.Parent(iteration);
                        ParallelForEachActivity.End(run, loop.Id, outer);
                        Apply(run, loop, iteration, new ActivityOutcome.Completed(["Done"]) { Branch = outer }, queue);
                    }
                    else
                    {
                        Apply(run, loop, branch, ActivityOutcome.Done, queue);
                    }
                }
                break;

            case ActivityOutcome.CompleteComposite complete:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, message: string.Join(",", complete.Ports), cadreId: run.Instance.CadreId);
                if (run.Flowchart.Enclosing(node.Id, Flowchart.CompositeRunner) is { } composite)
                {
                    run.CancelWithin(composite.Id, $"completed at {node.Id}");
                    CompositeActivity.Close(run, composite);
                    Apply(run, composite, branch, new ActivityOutcome.Completed(complete.Ports), queue);
                }
                else
                {
                    queue.Clear();
                    Finish(run, WorkflowStatus.Finished);
                }
                break;

            case ActivityOutcome.Forked forked:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, message: string.Join(",", forked.Ports), cadreId: run.Instance.CadreId);
                foreach (var port in forked.Ports)
                {
                    var child = Branches.Child(branch, node.Id, port);
                    run.State.SetResult(child, run.State.ResultOf(branch)); // a branch starts from what its path knew
                    foreach (var connection in run.Flowchart.From(node.Id, port))
                        queue.Enqueue(new Step(connection.Target, node.Id, child));
                }
                break;

            case ActivityOutcome.Blocked blocked:
                var request = blocked.Bookmark;
                var payload = request.Payload?.DeepClone().AsObject();
                if (branch != Branches.Main) (payload ??= [])["branch"] = branch;
                run.Db.Bookmarks.Add(new BookmarkRecord
                {
                    Id = Guid.CreateVersion7(),
                    InstanceId = run.InstanceId,
                    ActivityId = node.Id,
                    Kind = request.Kind,
                    Key = request.Key,
                    DueAt = request.DueAt?.ToUniversalTime(),
                    PayloadJson = payload?.ToJsonString(),
                    TraceParent = run.TraceParent,
                    CreatedAt = run.Now,
                });
                run.Journal.Append(run.Now, "Suspended", node.Id, node.Type, node.Name,
                    message: request.DueAt is { } due ? $"{request.Kind} until {due:O}" : $"{request.Kind} {request.Key}", cadreId: run.Instance.CadreId);
                break;

            case ActivityOutcome.PathEnded:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, message: "path ended", cadreId: run.Instance.CadreId);
                if (node.Container is null || run.Flowchart.Activities[node.Container].Runner == ElsaJson.FlowchartType)
                {
                    if (branch != Branches.Main) run.State.EndBranch(branch);
                    if (node.Container is { } flowchart) FlowchartPathEnded(run, run.Flowchart.Activities[flowchart], branch, queue);
                }
                else
                {
                    Continue(run, node, branch, [], queue);
                }
                break;

            case ActivityOutcome.WorkflowFinished:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, cadreId: run.Instance.CadreId);
                queue.Clear();
                Finish(run, WorkflowStatus.Finished);
                break;
        }
    }

    /// <summary>
    /// Where a completed activity goes on: along the connections of its ports in its flowchart (a nested flowchart whose path ends
    /// there completes when nothing of it runs or waits any more), or back to the structured activity that holds it.
    /// </summary>
    void Continue(RunContext run, ActivityNode node, string branch, IReadOnlyList<string> ports, Queue<Step> queue)
    {
        var container = node.Container is { } id ? run.Flowchart.Activities[id] : null;
        if (container is null || container.Runner == ElsaJson.FlowchartType)
        {
            var any = false;
            foreach (var port in ports)
                foreach (var connection in run.Flowchart.From(node.Id, port))
                {
                    queue.Enqueue(new Step(connection.Target, node.Id, branch));
                    any = true;
                }
            if (!any && container is not null) FlowchartPathEnded(run, container, branch, queue);
            return;
        }

        if (registry.Find(container.Runner) is not IContainerActivity structured)
        {
            Fault(run, container.Id, null, branch, new InvalidOperationException($"{container.DisplayName} ({container.Type}) cannot hold activities."));
            return;
        }
        ActivityOutcome outcome;
        try
        {
            outcome = structured.ChildCompleted(new ActivityExecution(container, run) { Branch = branch, ArrivedFrom = node.Id }, node.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fault(run, container.Id, null, branch, ex);
            return;
        }
        if (outcome is ActivityOutcome.Pending) return; // waits for more of its children
        Apply(run, container, branch, outcome, queue);
    }

    /// <summary>A path of a nested flowchart ended: the flowchart completes when nothing of it is queued, waiting or merging.</summary>
    void FlowchartPathEnded(RunContext run, ActivityNode flowchart, string branch, Queue<Step> queue)
    {
        bool Inside(string activityId) => activityId != flowchart.Id && run.Flowchart.IsWithin(activityId, flowchart.Id);
        if (queue.Any(s => Inside(s.ActivityId))) return;
        if (run.State.MergeArrivals.Keys.Any(Inside)) return;
        if (run.Db.ChangeTracker.Entries<BookmarkRecord>().Any(e => e.Entity.InstanceId == run.InstanceId
                && e.State is Microsoft.EntityFrameworkCore.EntityState.Added or Microsoft.EntityFrameworkCore.EntityState.Unchanged or Microsoft.EntityFrameworkCore.EntityState.Modified
                && Inside(e.Entity.ActivityId))) return;
        Apply(run, flowchart, branch, ActivityOutcome.Done, queue);
    }

    /// <summary>The tokens of the fork a branch belongs to (<c>parent/fork.</c>): what a join that merges it ends.</summary>
    static string ForkPrefix(string branch)
    {
        var slash = branch.LastIndexOf('/');
        if (slash < 0) return branch;
        var dot = branch.IndexOf('.', slash);
        return dot < 0 ? branch : branch[..(dot + 1)];
    }

    /// <summary>With nothing left to run, the instance waits if it has bookmarks and is finished otherwise.</summary>
    static void Settle(RunContext run)
    {
        if (run.Instance.Status is not WorkflowStatus.Running) return;
        var waiting = run.Db.ChangeTracker.Entries<BookmarkRecord>()
            .Any(e => e.Entity.InstanceId == run.InstanceId && e.State is Microsoft.EntityFrameworkCore.EntityState.Added or Microsoft.EntityFrameworkCore.EntityState.Unchanged or Microsoft.EntityFrameworkCore.EntityState.Modified);
        if (waiting)
        {
            run.Instance.Status = WorkflowStatus.Suspended;
            run.Instance.UpdatedAt = run.Now;
        }
        else
        {
            Finish(run, WorkflowStatus.Finished);
        }
    }

    internal static void Finish(RunContext run, WorkflowStatus status)
    {
        foreach (var entry in run.Db.ChangeTracker.Entries<BookmarkRecord>().Where(e => e.Entity.InstanceId == run.InstanceId).ToList())
        {
            if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Added) entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            else entry.State = Microsoft.EntityFrameworkCore.EntityState.Deleted;
        }
        run.Instance.Status = status;
        run.Instance.FinishedAt = run.Now;
        run.Instance.UpdatedAt = run.Now;
        run.Journal.Append(run.Now, status == WorkflowStatus.Finished ? "WorkflowFinished" : "WorkflowCancelled", cadreId: run.Instance.CadreId);
    }

    void Fault(RunContext run, string activityId, string? from, string branch, Exception exception)
    {
        run.Logger.LogWarning(exception, "Workflow {InstanceId} faulted at {ActivityId}", run.InstanceId, activityId);
        run.State.FaultedActivityId = activityId;
        run.State.FaultedArrivedFrom = from;
        run.State.FaultedBranch = branch == Branches.Main ? null : branch;
        run.Instance.Status = WorkflowStatus.Faulted;
        run.Instance.IncidentCount++;
        run.Instance.UpdatedAt = run.Now;
        run.Db.Incidents.Add(new Incident
        {
            Id = Guid.CreateVersion7(), InstanceId = run.InstanceId, ActivityId = activityId, Message = exception.Message,
            Exception = exception.ToString(), CreatedAt = run.Now,
        });
        WorkflowMetrics.Incidents.Add(1, new KeyValuePair<string, object?>("kind", IncidentKinds.Activity));
        var node = run.Flowchart.Activities.GetValueOrDefault(activityId);
        run.Journal.Append(run.Now, "Faulted", activityId, node?.Type, node?.Name, message: exception.Message, cadreId: run.Instance.CadreId);
    }

    /// <summary>
    /// C2 — the people a result names are recorded against the cadre: the person who recorded the fact, nominators, inspection team
    /// leaders and decision-meeting voters, each voter with how they voted where the ballot was open (seed 002: members who opposed or
    /// abstained bear no responsibility for the decision).
    /// </summary>
    static void RecordAccountability(RunContext run, ActivityNode node, JsonNode? payload, string actor)
    {
        if (payload is not JsonObject result) return;
        var cadre = Guid.TryParse(result["cadreId"]?.ToString(), out var id) ? id : run.Instance.CadreId;
        void Accountable(string person, string role) =>
            run.Journal.Append(run.Now, "Accountable", node.Id, node.Type, node.Name, actor: person, role: role, cadreId: cadre);

        if (IsPerson(actor)) Accountable(actor, "recorder");
        var ballots = result["ballots"] as JsonArray;
        foreach (var (property, role) in AccountableRoles)
        {
            if (property == "voters" && ballots is { Count: > 0 }) continue; // how each voted says more
            switch (result[property])
            {
                case JsonArray people:
                    foreach (var person in people.Select(p => p?.ToString()).Where(p => !string.IsNullOrWhiteSpace(p)))
                        Accountable(person!, role);
                    break;
                case JsonValue one when one.ToString() is { Length: > 0 } person:
                    Accountable(person, role);
                    break;
            }
        }
        foreach (var ballot in (ballots ?? []).OfType<JsonObject>())
            if (ballot["member"]?.ToString() is { Length: > 0 } member)
                Accountable(member, ballot["vote"]?.ToString() switch
                {
                    "Against" => "voter-against",
                    "Abstain" => "voter-abstaining",
                    _ => "voter",
                });
    }

    /// <summary>A person rather than the system: not a service, the timer, the calendar, the bus or a procedure.</summary>
    static bool IsPerson(string actor) =>
        !string.IsNullOrWhiteSpace(actor) && !actor.Contains(':') && actor is not ("timer" or "calendar" or "bus" or "test" or "anonymous");

    static readonly (string Property, string Role)[] AccountableRoles =
    [
        ("nominatedBy", "nominator"), ("nominator", "nominator"),
        ("inspectionLeader", "inspection-leader"), ("teamLeader", "inspection-leader"),
        ("voters", "voter"),
    ];

    /// <summary>The span of one step and its duration (<see cref="WorkflowMetrics.StepDuration"/>), both ended when disposed.</summary>
    static StepMeasurement StepSpan(RunContext run, ActivityNode node, string? linkedTrace = null)
    {
        var links = linkedTrace is not null && ActivityContext.TryParse(linkedTrace, null, out var waited) ? new[] { new ActivityLink(waited) } : null;
        var span = Telemetry.StartActivity($"workflow step {node.Type}", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("workflow.instance.id", run.InstanceId);
        span?.SetTag("workflow.definition.id", run.Instance.DefinitionId);
        span?.SetTag("workflow.activity.id", node.Id);
        return new StepMeasurement(span, node.Type);
    }
}
