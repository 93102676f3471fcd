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
public sealed class WorkflowEngine(ActivityRegistry registry)
{
    public static readonly ActivitySource Telemetry = new("Orchestration.Workflows");

    /// <summary>A run that takes this many steps without blocking is stuck in a cycle.</summary>
    public const int MaxStepsPerRun = 10_000;

    public ActivityRegistry Registry => registry;

    public async Task RunAsync(RunContext run, IEnumerable<(string ActivityId, string? From)> scheduled, CancellationToken cancellationToken)
    {
        var queue = new Queue<(string ActivityId, string? From)>(scheduled);
        var steps = 0;
        while (queue.Count > 0 && run.Instance.Status is WorkflowStatus.Running)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (activityId, from) = queue.Dequeue();
            if (!run.Flowchart.Activities.TryGetValue(activityId, out var node))
            {
                Fault(run, activityId, from, new InvalidOperationException($"Activity {activityId} does not exist in version {run.Instance.Version}."));
                return;
            }

            if (++steps > MaxStepsPerRun)
            {
                Fault(run, activityId, from, new InvalidOperationException($"{MaxStepsPerRun} steps without a wait: a cycle has no blocking activity."));
                return;
            }

            var type = registry.Find(node.Type);
            if (type is null)
            {
                Fault(run, activityId, from, new InvalidOperationException($"Unknown activity type {node.Type}."));
                return;
            }

            using var span = StepSpan(run, node);
            run.Journal.Append(run.Now, "Started", node.Id, node.Type, node.Name, cadreId: run.Instance.CadreId);
            ActivityOutcome outcome;
            try
            {
                outcome = await type.ExecuteAsync(new ActivityExecution(node, run) { ArrivedFrom = from });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.Message);
                Fault(run, activityId, from, ex);
                return;
            }

            Apply(run, node, outcome, queue);
        }

        Settle(run);
    }

    /// <summary>Runs a new instance from the trigger activity that started it: the trigger completes at once, as in Elsa.</summary>
    public Task StartFromTriggerAsync(RunContext run, string activityId, CancellationToken cancellationToken)
    {
        if (!run.Flowchart.Activities.TryGetValue(activityId, out var node))
        {
            Fault(run, activityId, null, new InvalidOperationException($"The trigger {activityId} does not exist in version {run.Instance.Version}."));
            return Task.CompletedTask;
        }

        var queue = new Queue<(string, string?)>();
        using (StepSpan(run, node))
        {
            run.Journal.Append(run.Now, "Triggered", node.Id, node.Type, node.Name, cadreId: run.Instance.CadreId);
            Apply(run, node, ActivityOutcome.Done, queue);
        }
        return RunAsync(run, queue, cancellationToken);
    }

    /// <summary>Continues an instance at a bookmark with what arrived (a result event, an event payload, or nothing for a timer).</summary>
    public async Task ResumeAsync(RunContext run, BookmarkRecord bookmark, JsonNode? payload, string actor, CancellationToken cancellationToken)
    {
        var node = run.Flowchart.Activities.GetValueOrDefault(bookmark.ActivityId);
        var type = node is null ? null : registry.Find(node.Type);
        if (node is null || type is null)
        {
            Fault(run, bookmark.ActivityId, null, new InvalidOperationException($"The waiting activity {bookmark.ActivityId} is no longer runnable."));
            return;
        }

        var queue = new Queue<(string, string?)>();
        using (var span = StepSpan(run, node, bookmark.TraceParent))
        {
            run.Journal.Append(run.Now, "Resumed", node.Id, node.Type, node.Name, message: bookmark.Kind, payloadJson: payload?.ToJsonString(),
                actor: actor, cadreId: run.Instance.CadreId);
            if (bookmark.Kind == BookmarkKinds.DomainResult) RecordAccountability(run, node, payload); // the service's record, not what was typed in
            ActivityOutcome outcome;
            try
            {
                outcome = await type.ResumeAsync(new ActivityExecution(node, run), payload);
                run.Refresh();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.Message);
                Fault(run, node.Id, null, ex);
                return;
            }

            Apply(run, node, outcome, queue);
        }

        await RunAsync(run, queue, cancellationToken);
    }

    void Apply(RunContext run, ActivityNode node, ActivityOutcome outcome, Queue<(string, string?)> queue)
    {
        switch (outcome)
        {
            case ActivityOutcome.Completed completed:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, message: string.Join(",", completed.Ports), cadreId: run.Instance.CadreId);
                foreach (var port in completed.Ports)
                    foreach (var connection in run.Flowchart.From(node.Id, port))
                        queue.Enqueue((connection.Target, node.Id));
                break;

            case ActivityOutcome.Blocked blocked:
                var request = blocked.Bookmark;
                run.Db.Bookmarks.Add(new BookmarkRecord
                {
                    Id = Guid.CreateVersion7(),
                    InstanceId = run.InstanceId,
                    ActivityId = node.Id,
                    Kind = request.Kind,
                    Key = request.Key,
                    DueAt = request.DueAt?.ToUniversalTime(),
                    PayloadJson = request.Payload?.ToJsonString(),
                    TraceParent = run.TraceParent,
                    CreatedAt = run.Now,
                });
                run.Journal.Append(run.Now, "Suspended", node.Id, node.Type, node.Name,
                    message: request.DueAt is { } due ? $"{request.Kind} until {due:O}" : $"{request.Kind} {request.Key}", cadreId: run.Instance.CadreId);
                break;

            case ActivityOutcome.WorkflowFinished:
                run.Journal.Append(run.Now, "Completed", node.Id, node.Type, node.Name, cadreId: run.Instance.CadreId);
                queue.Clear();
                Finish(run, WorkflowStatus.Finished);
                break;
        }
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

    void Fault(RunContext run, string activityId, string? from, Exception exception)
    {
        run.Logger.LogWarning(exception, "Workflow {InstanceId} faulted at {ActivityId}", run.InstanceId, activityId);
        run.State.FaultedActivityId = activityId;
        run.State.FaultedArrivedFrom = from;
        run.Instance.Status = WorkflowStatus.Faulted;
        run.Instance.IncidentCount++;
        run.Instance.UpdatedAt = run.Now;
        run.Db.Incidents.Add(new Incident
        {
            Id = Guid.CreateVersion7(), InstanceId = run.InstanceId, ActivityId = activityId, Message = exception.Message,
            Exception = exception.ToString(), CreatedAt = run.Now,
        });
        var node = run.Flowchart.Activities.GetValueOrDefault(activityId);
        run.Journal.Append(run.Now, "Faulted", activityId, node?.Type, node?.Name, message: exception.Message, cadreId: run.Instance.CadreId);
    }

    /// <summary>
    /// C2 — the people a result names are recorded against the cadre: nominators, inspection team leaders, decision-meeting voters.
    /// </summary>
    static void RecordAccountability(RunContext run, ActivityNode node, JsonNode? payload)
    {
        if (payload is not JsonObject result) return;
        var cadre = Guid.TryParse(result["cadreId"]?.ToString(), out var id) ? id : run.Instance.CadreId;
        foreach (var (property, role) in AccountableRoles)
        {
            switch (result[property])
            {
                case JsonArray people:
                    foreach (var person in people.Select(p => p?.ToString()).Where(p => !string.IsNullOrWhiteSpace(p)))
                        run.Journal.Append(run.Now, "Accountable", node.Id, node.Type, node.Name, actor: person, role: role, cadreId: cadre);
                    break;
                case JsonValue one when one.ToString() is { Length: > 0 } person:
                    run.Journal.Append(run.Now, "Accountable", node.Id, node.Type, node.Name, actor: person, role: role, cadreId: cadre);
                    break;
            }
        }
    }

    static readonly (string Property, string Role)[] AccountableRoles =
    [
        ("nominatedBy", "nominator"), ("nominator", "nominator"),
        ("inspectionLeader", "inspection-leader"), ("teamLeader", "inspection-leader"),
        ("voters", "voter"),
    ];

    static Activity? StepSpan(RunContext run, ActivityNode node, string? linkedTrace = null)
    {
        var links = linkedTrace is not null && ActivityContext.TryParse(linkedTrace, null, out var waited) ? new[] { new ActivityLink(waited) } : null;
        var span = Telemetry.StartActivity($"workflow step {node.Type}", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("workflow.instance.id", run.InstanceId);
        span?.SetTag("workflow.definition.id", run.Instance.DefinitionId);
        span?.SetTag("workflow.activity.id", node.Id);
        return span;
    }
}
