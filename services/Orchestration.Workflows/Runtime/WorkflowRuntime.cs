using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Http;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// Starts, resumes, retries and cancels instances. Every call changes the unit of work of <see cref="WorkflowDbContext"/> only;
/// the caller commits, so state, bookmarks, journal and outgoing messages land in one transaction.
/// </summary>
public sealed class WorkflowRuntime(
    WorkflowDbContext db,
    WorkflowEngine engine,
    DefinitionStore definitions,
    IWorkingDayCalendar calendar,
    TimeProvider time,
    ILogger<WorkflowRuntime> logger)
{
    public async Task<WorkflowInstance> StartAsync(string definitionId, JsonObject? input, string tenantId, string actor, CancellationToken ct)
    {
        var definition = await definitions.PublishedAsync(definitionId, ct)
                         ?? throw new NotFoundException($"No published workflow definition {definitionId}.");
        var json = JsonNode.Parse(definition.Json)!.AsObject();
        var state = new InstanceState { Input = input?.DeepClone().AsObject() ?? [] };
        foreach (var variable in (json["variables"] as JsonArray ?? []).OfType<JsonObject>())
            if (variable.Text("name") is { } name) state.Variables[name] = DefaultValue(variable);

        var now = time.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.DefinitionId,
            DefinitionVersionId = definition.Id,
            Version = definition.Version,
            Name = definition.Name,
            TenantId = tenantId,
            CadreId = Guid.TryParse(state.Input["cadreId"]?.ToString(), out var cadre) ? cadre : null,
            Status = WorkflowStatus.Running,
            StateJson = "{}",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Instances.Add(instance);

        var run = await OpenRunAsync(instance, json, state, ct);
        run.Journal.Append(now, "WorkflowStarted", message: $"{definition.DefinitionId} v{definition.Version}", payloadJson: state.Input.ToJsonString(),
            actor: actor, cadreId: instance.CadreId);
        await engine.RunAsync(run, run.Flowchart.Entry().Select(a => (a.Id, (string?)null)), ct);
        Close(run);
        return instance;
    }

    /// <summary>Continues the instance waiting at <paramref name="bookmark"/> (tracked by this context) and removes the bookmark.</summary>
    public async Task<bool> ResumeAsync(BookmarkRecord bookmark, JsonNode? payload, string actor, CancellationToken ct)
    {
        var instance = await db.Instances.SingleAsync(i => i.Id == bookmark.InstanceId, ct);
        db.Bookmarks.Remove(bookmark);
        if (instance.Status is not (WorkflowStatus.Suspended or WorkflowStatus.Running))
        {
            logger.LogInformation("Bookmark {Bookmark} of {Status} instance {InstanceId} dropped", bookmark.Id, instance.Status, instance.Id);
            return false;
        }

        var run = await OpenRunAsync(instance, await DefinitionJsonAsync(instance, ct), InstanceState.FromJson(instance.StateJson), ct);
        await db.Bookmarks.Where(b => b.InstanceId == instance.Id && b.Id != bookmark.Id).LoadAsync(ct); // the engine sees what else waits
        instance.Status = WorkflowStatus.Running;
        await engine.ResumeAsync(run, bookmark, payload, actor, ct);
        Close(run);
        return true;
    }

    /// <summary>
    /// A domain service's answer: resumes the procedure waiting for it, once. An answer nobody waits for (an unknown ProcedureId,
    /// or one that already moved on) is recorded and dropped.
    /// </summary>
    public async Task DeliverResultAsync(IDomainResult result, CancellationToken ct)
    {
        var key = DomainCommandActivity.ResultKey(result.GetType(), result.ProcedureId);
        var bookmark = await db.Bookmarks.FirstOrDefaultAsync(b => b.Kind == BookmarkKinds.DomainResult && b.Key == key, ct);
        var payload = JsonSerializer.SerializeToNode(result, result.GetType(), ElsaJson.Options);
        if (bookmark is null)
        {
            logger.LogWarning("{Result} for procedure {ProcedureId} matches no waiting step; recorded and dropped", result.GetType().Name, result.ProcedureId);
            db.Unmatched.Add(new UnmatchedMessage
            {
                Id = Guid.CreateVersion7(), MessageType = result.GetType().Name, ProcedureId = result.ProcedureId, TenantId = result.TenantId,
                Body = payload?.ToJsonString() ?? "{}", ReceivedAt = time.GetUtcNow(),
            });
            return;
        }

        await ResumeAsync(bookmark, payload, actor: $"service:{result.GetType().Namespace?.Split('.').Last().ToLowerInvariant()}", ct);
    }

    /// <summary>Resumes every instance of <paramref name="tenantId"/> waiting for the named event with this key.</summary>
    public async Task<int> RaiseEventAsync(string tenantId, string eventName, string correlationKey, JsonNode? payload, string actor, CancellationToken ct)
    {
        var key = EventActivity.EventKey(eventName, correlationKey);
        var waiting = await (from b in db.Bookmarks
                             join i in db.Instances on b.InstanceId equals i.Id
                             where b.Kind == BookmarkKinds.Event && b.Key == key && i.TenantId == tenantId
                             select b).ToListAsync(ct);
        foreach (var bookmark in waiting) await ResumeAsync(bookmark, payload, actor, ct);
        return waiting.Count;
    }

    /// <summary>Runs a faulted instance again from the activity that failed.</summary>
    public async Task<WorkflowInstance> RetryAsync(Guid instanceId, string tenantId, string actor, CancellationToken ct)
    {
        var instance = await FindAsync(instanceId, tenantId, ct);
        if (instance.Status != WorkflowStatus.Faulted) throw new StateConflictException($"Instance {instanceId} is {instance.Status}, not Faulted.");
        var state = InstanceState.FromJson(instance.StateJson);
        var activityId = state.FaultedActivityId ?? throw new StateConflictException("The instance does not say where it failed.");
        var from = state.FaultedArrivedFrom;
        state.FaultedActivityId = state.FaultedArrivedFrom = null;

        await db.Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).ForEachAsync(i => i.ResolvedAt = time.GetUtcNow(), ct);
        await db.Bookmarks.Where(b => b.InstanceId == instance.Id).LoadAsync(ct);
        var run = await OpenRunAsync(instance, await DefinitionJsonAsync(instance, ct), state, ct);
        instance.Status = WorkflowStatus.Running;
        run.Journal.Append(run.Now, "Retried", activityId, actor: actor, cadreId: instance.CadreId);
        await engine.RunAsync(run, [(activityId, from)], ct);
        Close(run);
        return instance;
    }

    public async Task<WorkflowInstance> CancelAsync(Guid instanceId, string tenantId, string actor, CancellationToken ct)
    {
        var instance = await FindAsync(instanceId, tenantId, ct);
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            throw new StateConflictException($"Instance {instanceId} is already {instance.Status}.");
        await db.Bookmarks.Where(b => b.InstanceId == instance.Id).LoadAsync(ct);
        var run = await OpenRunAsync(instance, await DefinitionJsonAsync(instance, ct), InstanceState.FromJson(instance.StateJson), ct);
        run.Journal.Append(run.Now, "CancelRequested", actor: actor, cadreId: instance.CadreId);
        WorkflowEngine.Finish(run, WorkflowStatus.Cancelled);
        Close(run);
        return instance;
    }

    async Task<WorkflowInstance> FindAsync(Guid instanceId, string tenantId, CancellationToken ct) =>
        await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId && i.TenantId == tenantId, ct)
        ?? throw new NotFoundException($"No workflow instance {instanceId}.");

    async Task<JsonObject> DefinitionJsonAsync(WorkflowInstance instance, CancellationToken ct) =>
        JsonNode.Parse((await definitions.VersionAsync(instance.DefinitionVersionId, ct)
                        ?? throw new InvalidOperationException($"Definition version {instance.DefinitionVersionId} is gone.")).Json)!.AsObject();

    async Task<RunContext> OpenRunAsync(WorkflowInstance instance, JsonObject definition, InstanceState state, CancellationToken ct) =>
        new(db, instance, Flowchart.Parse(definition), state, await JournalWriter.OpenAsync(db, instance.Id, ct), time.GetUtcNow(), calendar, logger);

    static void Close(RunContext run)
    {
        run.Instance.StateJson = run.State.ToJson();
        run.Instance.UpdatedAt = run.Now;
        run.Instance.Revision++;
    }

    static JsonNode? DefaultValue(JsonObject variable)
    {
        var value = variable["value"];
        if (value is not JsonValue text || !text.TryGetValue<string>(out var raw)) return value?.DeepClone();
        return variable.Text("typeName") switch
        {
            "Int32" or "Int64" or "Decimal" or "Double" when decimal.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
            "Boolean" when bool.TryParse(raw, out var flag) => flag,
            _ => raw,
        };
    }
}
