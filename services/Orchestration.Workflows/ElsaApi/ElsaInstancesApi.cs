using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.ElsaApi;

/// <summary>
/// Running and listing instances in Elsa's shapes, for the Studio's Run button, instance list and instance viewer. Every call sees
/// only the caller's tenant. The viewer polls (realtime updates are not advertised).
/// </summary>
internal static class ElsaInstancesApi
{
    public static void Map(RouteGroupBuilder api)
    {

        api.MapPost("/workflow-definitions/{definitionId}/execute", async (string definitionId, ExecuteRequest? request, WorkflowRuntime runtime,
                WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var instance = await runtime.StartAsync(definitionId, request?.Input, http.User.TenantId(), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                http.Response.Headers["x-elsa-workflow-instance-id"] = instance.Id.ToString();
                http.Response.Headers["x-elsa-workflow-cannot-start"] = "false";
                return Results.Json(new { workflowState = await StateAsync(instance, db, ct) }, ElsaJsonResults.Options);
            });

        api.MapPost("/workflow-instances", async (InstanceQuery? query, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var names = db.Set<Records.CadreName>().AsNoTracking().Where(n => n.TenantId == tenant);
            var instances = InstanceFilter.Apply(db.Instances.AsNoTracking().Where(i => i.TenantId == tenant), query ?? new InstanceQuery(), names);
            var total = await instances.CountAsync(ct);
            var (page, size) = InstanceFilter.Page(query);
            var found = await InstanceFilter.Order(instances, query).Skip(page * size).Take(size).ToListAsync(ct);
            var cadres = found.Where(i => i.CadreId != null).Select(i => i.CadreId!.Value).Distinct().ToList();
            var named = await names.Where(n => cadres.Contains(n.CadreId)).ToDictionaryAsync(n => n.CadreId, n => n.Name, ct);
            return Results.Json(new { items = found.Select(i => Summary(i, i.CadreId is { } c ? named.GetValueOrDefault(c) : null)), totalCount = total,
                links = Array.Empty<object>() }, ElsaJsonResults.Options);
        });

        api.MapGet("/workflow-instances/{id:guid}", async (Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await FindAsync(id, db, http, ct);
            var summary = Summary(instance, await CadreNameAsync(instance, db, ct));
            summary["workflowState"] = await StateAsync(instance, db, ct);
            return Results.Json(summary, ElsaJsonResults.Options);
        });

        api.MapGet("/workflow-instances/{id:guid}/execution-state", async (Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await FindAsync(id, db, http, ct);
            var (status, subStatus) = ElsaStatus(instance.Status);
            return new { status, workflowSubStatus = subStatus, updatedAt = instance.UpdatedAt };
        });

        api.MapGet("/workflow-instances/{id:guid}/variables", async (Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var state = InstanceState.FromJson((await FindAsync(id, db, http, ct)).StateJson);
            var items = state.Variables.Select(v => new { id = v.Key, name = v.Key, value = v.Value?.ToJsonString() }).ToList();
            return new { items, count = items.Count };
        });

        api.MapMethods("/workflow-instances/{id:guid}/journal", ["GET", "POST"], async (Guid id, int? skip, int? take, WorkflowDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var instance = await FindAsync(id, db, http, ct);
            var nodes = await NodeIdsAsync(instance, db, ct);
            var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id && j.ActivityId != null).OrderBy(j => j.Sequence).ToListAsync(ct);
            var items = entries.Skip(skip ?? 0).Take(take ?? 100).Select(j => new
            {
                id = $"{id:N}-{j.Sequence}", activityInstanceId = $"{j.ActivityId}", parentActivityInstanceId = "root", activityId = j.ActivityId,
                activityType = j.ActivityType, activityTypeVersion = 1, activityName = j.ActivityName, nodeId = nodes.GetValueOrDefault(j.ActivityId!, j.ActivityId!),
                timestamp = j.Timestamp, sequence = j.Sequence, eventName = j.EventName, message = j.Message, source = j.Actor, activityState = (object?)null,
                payload = j.PayloadJson is null ? null : JsonNode.Parse(j.PayloadJson),
            }).ToList();
            return Results.Json(new { items, totalCount = entries.Count, links = Array.Empty<object>() }, ElsaJsonResults.Options);
        });

        api.MapPost("/activity-executions/report", async (ReportRequest request, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await FindAsync(request.WorkflowInstanceId, db, http, ct);
            var journal = (await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id && j.ActivityId != null).OrderBy(j => j.Sequence)
                .ToListAsync(ct)).ToLookup(j => j.ActivityId!);
            var blocked = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id).Select(b => b.ActivityId).ToListAsync(ct);
            var faulted = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instance.Id && i.ResolvedAt == null).Select(i => i.ActivityId).ToListAsync(ct);
            var stats = (request.ActivityNodeIds ?? []).Select(nodeId =>
            {
                var activityId = nodeId.Split(':').Last();
                var entries = journal[activityId].ToList();
                var started = Executions(entries).Count();
                var completed = entries.Count(j => j.EventName == "Completed");
                return new
                {
                    activityId, activityNodeId = nodeId, startedCount = started, completedCount = completed,
                    uncompletedCount = Math.Max(0, started - completed), isBlocked = blocked.Contains(activityId), isFaulted = faulted.Contains(activityId),
                    metadata = new { },
                };
            });
            return new { stats };
        });

        api.MapGet("/activity-executions/list", ActivityExecutionsAsync);
        api.MapGet("/activity-execution-summaries/list", ActivityExecutionsAsync);

        // The instance viewer opens one execution by the id the list gave it: the instance and the sequence of its Started entry.
        api.MapGet("/activity-executions/by-id", async (string? id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var parts = (id ?? "").Split('-');
            if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var instanceId) || !long.TryParse(parts[1], out var sequence))
                throw new NotFoundException($"No activity execution {id}.");
            var instance = await FindAsync(instanceId, db, http, ct);
            var started = await db.Journal.AsNoTracking()
                              .SingleOrDefaultAsync(j => j.InstanceId == instance.Id && j.Sequence == sequence && j.EventName == "Started" && j.ActivityId != null, ct)
                          ?? throw new NotFoundException($"No activity execution {id}.");
            var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id && j.ActivityId == started.ActivityId)
                .OrderBy(j => j.Sequence).ToListAsync(ct);
            return Results.Json(Execution(instance, entries, started, started.ActivityId!), ElsaJsonResults.Options);
        });

        // Cancel from the Studio's instance list: the same act as the workflow API's, journaled with the person (C1).
        api.MapPost("/cancel/workflow-instances/{id:guid}", async (Guid id, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            await runtime.CancelAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return Results.Ok();
        });

        // The list's bulk cancel: the county's instances among the ids that are still going are cancelled in one transaction, each
        // journaled with the person; others (finished, another county's, unknown) are left as they are and not counted.
        api.MapPost("/bulk-actions/cancel/workflow-instances", async (BulkInstancesRequest request, WorkflowRuntime runtime, WorkflowDbContext db,
            HttpContext http, CancellationToken ct) =>
        {
            var ids = (request.Ids ?? []).Select(id => Guid.TryParse(id, out var guid) ? guid : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
            var tenant = http.User.TenantId();
            var going = await db.Instances.AsNoTracking()
                .Where(i => ids.Contains(i.Id) && i.TenantId == tenant && i.Status != WorkflowStatus.Finished && i.Status != WorkflowStatus.Cancelled)
                .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var id in going) await runtime.CancelAsync(id, tenant, http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Results.Json(new { cancelled = going.Count }, ElsaJsonResults.Options);
        });

        // The county keeps every procedure's record (C1): an instance is cancelled, never deleted, alone or in bulk.
        api.MapDelete("/workflow-instances/{id:guid}", async (Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            await FindAsync(id, db, http, ct);
            return KeptProcedures();
        });
        api.MapPost("/bulk-actions/delete/workflow-instances/by-id", (BulkInstancesRequest request) => KeptProcedures());
    }

    static IResult KeptProcedures() =>
        Results.Problem("The full-process record keeps every procedure (C1): cancel a running instance instead of deleting it.",
            statusCode: StatusCodes.Status409Conflict, title: "Procedures are kept", extensions: new Dictionary<string, object?> { ["rule"] = "C1", ["ruleName"] = Orchestration.ServiceDefaults.Http.RuleNames.Chinese("C1") });

    /// <summary>The instance list's bulk actions: the selected instances' ids.</summary>
    public sealed record BulkInstancesRequest(string[]? Ids);

    public sealed record ExecuteRequest(JsonObject? Input, string? CorrelationId, string? TriggerActivityId, string? VersionOptions);

    /// <summary>The instance list's query as the Studio sends it (Elsa's ListWorkflowInstancesRequest).</summary>
    public sealed record InstanceQuery(
        int? Page = null, int? PageSize = null, string? DefinitionId = null, string[]? DefinitionIds = null, string? SearchTerm = null,
        string? CorrelationId = null, int? Version = null, bool? HasIncidents = null, string? Status = null, string[]? Statuses = null,
        string? SubStatus = null, string[]? SubStatuses = null, string? OrderBy = null, string? OrderDirection = null,
        TimestampFilter[]? TimestampFilters = null);

    /// <summary>One bound on a timestamp column: <c>CreatedAt</c>, <c>UpdatedAt</c> or <c>FinishedAt</c>, compared by Elsa's operators.</summary>
    public sealed record TimestampFilter(string? Column, string? Operator, DateTimeOffset? Timestamp);

    public sealed record ReportRequest(Guid WorkflowInstanceId, string[]? ActivityNodeIds);

    static async Task<IResult> ActivityExecutionsAsync(HttpContext http, WorkflowDbContext db, CancellationToken ct)
    {
        var query = http.Request.Query;
        if (!Guid.TryParse(query["WorkflowInstanceId"].FirstOrDefault() ?? query["workflowInstanceId"].FirstOrDefault(), out var instanceId))
            return Results.Json(new { items = Array.Empty<object>(), count = 0 });
        var instance = await FindAsync(instanceId, db, http, ct);
        var nodeId = query["ActivityNodeId"].FirstOrDefault() ?? query["activityNodeId"].FirstOrDefault() ?? "";
        var activityId = nodeId.Split(':').Last();
        var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id && j.ActivityId == activityId).OrderBy(j => j.Sequence).ToListAsync(ct);
        var items = Executions(entries).Select(started => Execution(instance, entries, started, nodeId)).ToList();
        return Results.Json(new { items, count = items.Count }, ElsaJsonResults.Options);
    }

    /// <summary>
    /// The Started entries of an activity's executions, from its journal entries in order: a branch that arrived at a join still
    /// waiting for its other paths is no execution of the join.
    /// </summary>
    static IEnumerable<JournalEntry> Executions(IReadOnlyList<JournalEntry> entries) =>
        entries.Where(e => e.EventName == "Started" && End(entries, e)?.EventName != "Arrived");

    /// <summary>
    /// How an activity's run from its <paramref name="started"/> entry ended: the next Completed or Faulted of the activity, or Arrived
    /// (a branch reached a join that waits for its other paths); none while it runs or waits.
    /// </summary>
    static JournalEntry? End(IReadOnlyList<JournalEntry> entries, JournalEntry started) =>
        entries.FirstOrDefault(e => e.Sequence > started.Sequence && e.EventName is "Completed" or "Faulted" or "Arrived");

    /// <summary>One execution of an activity as Elsa's ActivityExecutionRecord: from its Started journal entry to the next Completed or Faulted.</summary>
    static object Execution(WorkflowInstance instance, IReadOnlyList<JournalEntry> entries, JournalEntry started, string nodeId)
    {
        var completed = End(entries, started);
        return new
        {
            id = $"{instance.Id:N}-{started.Sequence}", workflowInstanceId = instance.Id, activityId = started.ActivityId, activityNodeId = nodeId,
            activityType = started.ActivityType, activityTypeVersion = 1, activityName = started.ActivityName, startedAt = started.Timestamp,
            hasBookmarks = false, status = completed?.EventName == "Faulted" ? "Faulted" : completed is null ? "Running" : "Completed",
            completedAt = completed?.Timestamp, metadata = new { }, properties = new { }, activityState = new { }, outputs = new { }, payload = new { },
            aggregateFaultCount = 0,
        };
    }

    static async Task<WorkflowInstance> FindAsync(Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)
        ?? throw new NotFoundException($"No workflow instance {id}.");

    internal static (string Status, string SubStatus) ElsaStatus(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => ("Running", "Executing"),
        WorkflowStatus.Suspended => ("Running", "Suspended"),
        WorkflowStatus.Finished => ("Finished", "Finished"),
        WorkflowStatus.Cancelled => ("Finished", "Cancelled"),
        _ => ("Finished", "Faulted"),
    };

    /// <summary>An instance is found by its cadre: the cadre's id is its correlation id, or the instance's own id when it has no cadre.</summary>
    static string CorrelationOf(WorkflowInstance i) => (i.CadreId ?? i.Id).ToString();

    /// <summary>
    /// An instance as the Studio lists it: the correlation id is the cadre's id, and the name says whose procedure it is
    /// (<c>干部选拔任用 · 王丽华</c>) once the cadre's file has given the name, so the list reads and searches by person.
    /// </summary>
    static JsonObject Summary(WorkflowInstance i, string? cadreName)
    {
        var (status, subStatus) = ElsaStatus(i.Status);
        return new JsonObject
        {
            ["id"] = i.Id.ToString(), ["definitionId"] = i.DefinitionId, ["definitionVersionId"] = i.DefinitionVersionId, ["version"] = i.Version,
            ["status"] = status, ["subStatus"] = subStatus, ["correlationId"] = CorrelationOf(i),
            ["name"] = cadreName is null ? i.Name : $"{i.Name} · {cadreName}", ["incidentCount"] = i.IncidentCount,
            ["createdAt"] = i.CreatedAt.ToString("O"), ["updatedAt"] = i.UpdatedAt.ToString("O"), ["finishedAt"] = i.FinishedAt?.ToString("O"),
            ["parentWorkflowInstanceId"] = i.ParentId?.ToString(),
        };
    }

    static Task<string?> CadreNameAsync(WorkflowInstance instance, WorkflowDbContext db, CancellationToken ct) =>
        instance.CadreId is { } cadre
            ? db.Set<Records.CadreName>().AsNoTracking().Where(n => n.TenantId == instance.TenantId && n.CadreId == cadre).Select(n => n.Name).FirstOrDefaultAsync(ct)
            : Task.FromResult<string?>(null);

    static async Task<JsonObject> StateAsync(WorkflowInstance instance, WorkflowDbContext db, CancellationToken ct)
    {
        var (status, subStatus) = ElsaStatus(instance.Status);
        var state = InstanceState.FromJson(instance.StateJson);
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id).ToListAsync(ct);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instance.Id).ToListAsync(ct);
        var nodes = await NodeIdsAsync(instance, db, ct);
        var types = await ActivityTypesAsync(instance, db, ct);
        return new JsonObject
        {
            ["id"] = instance.Id.ToString(), ["definitionId"] = instance.DefinitionId, ["definitionVersion"] = instance.Version,
            ["correlationId"] = CorrelationOf(instance), ["status"] = status, ["subStatus"] = subStatus,
            ["bookmarks"] = new JsonArray([.. bookmarks.Select(b => (JsonNode)new JsonObject
            {
                ["id"] = b.Id.ToString(), ["name"] = b.Kind, ["hash"] = b.Key, ["payload"] = b.DueAt is { } due ? new JsonObject { ["resumeAt"] = due.ToString("O") } : null,
                ["activityNodeId"] = nodes.GetValueOrDefault(b.ActivityId, b.ActivityId), ["activityInstanceId"] = b.ActivityId, ["autoBurn"] = true,
                ["callbackMethodName"] = null, ["metadata"] = new JsonObject(),
            })]),
            // Elsa's ActivityIncident; what Elsa lacks (our id, kind, resolution) rides along in extra fields the Studio ignores.
            ["incidents"] = new JsonArray([.. incidents.OrderBy(i => i.CreatedAt).Select(i => (JsonNode)new JsonObject
            {
                ["activityId"] = i.ActivityId, ["activityNodeId"] = nodes.GetValueOrDefault(i.ActivityId, i.ActivityId),
                ["activityType"] = nodes.ContainsKey(i.ActivityId) ? types.GetValueOrDefault(i.ActivityId) : null,
                ["message"] = i.Message,
                ["exception"] = new JsonObject // no stack trace: it stays in the database and the logs
                {
                    ["type"] = $"Orchestration.Incident.{i.Kind}", ["message"] = i.Message, ["stackTrace"] = null, ["innerException"] = null,
                },
                ["timestamp"] = i.CreatedAt.ToString("O"),
                ["id"] = i.Id.ToString(), ["kind"] = i.Kind, ["resolvedAt"] = i.ResolvedAt?.ToString("O"), ["resolution"] = i.Resolution,
            })]),
            ["fault"] = null, ["completionCallbacks"] = new JsonArray(), ["activityExecutionContexts"] = new JsonArray(),
            ["input"] = state.Input.DeepClone(), ["output"] = new JsonObject(), ["properties"] = new JsonObject(),
            ["createdAt"] = instance.CreatedAt.ToString("O"), ["updatedAt"] = instance.UpdatedAt.ToString("O"), ["finishedAt"] = instance.FinishedAt?.ToString("O"),
        };
    }

    static async Task<Dictionary<string, string>> ActivityTypesAsync(WorkflowInstance instance, WorkflowDbContext db, CancellationToken ct)
    {
        var definition = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == instance.DefinitionVersionId, ct);
        return definition is null ? [] : Flowchart.Parse(JsonNode.Parse(definition.Json)!.AsObject()).Activities.Values.ToDictionary(a => a.Id, a => a.Type);
    }

    static async Task<Dictionary<string, string>> NodeIdsAsync(WorkflowInstance instance, WorkflowDbContext db, CancellationToken ct)
    {
        var definition = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == instance.DefinitionVersionId, ct);
        return definition is null ? [] : Flowchart.Parse(JsonNode.Parse(definition.Json)!.AsObject()).Activities.Values.ToDictionary(a => a.Id, a => a.NodeId);
    }
}
