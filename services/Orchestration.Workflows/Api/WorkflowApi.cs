using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Api;

public sealed record StartWorkflowRequest(JsonObject? Input);

public sealed record RaiseEventRequest(string EventName, string CorrelationKey, JsonNode? Payload);

public sealed record InstanceSummary(Guid Id, string DefinitionId, string DefinitionVersionId, int Version, string Name, Guid? CadreId,
    WorkflowStatus Status, int IncidentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, Guid? BatchId = null)
{
    public static InstanceSummary Of(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Name, i.CadreId, i.Status, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt,
            i.BatchId);
}

public sealed record JournalItem(int Sequence, DateTimeOffset Timestamp, string EventName, string? ActivityId, string? ActivityType, string? ActivityName,
    string? Actor, string? Role, Guid? CadreId, string? Message, string? PayloadJson, string Hash);

public sealed record InstanceDetails(InstanceSummary Instance, JsonNode? Variables, JsonNode? Input, JsonNode? LastResult,
    IReadOnlyList<JournalItem> Journal, IReadOnlyList<BookmarkView> Bookmarks, IReadOnlyList<IncidentView> Incidents);

/// <summary>A step the instance waits at: what resumes it (<see cref="Kind"/>, <see cref="Key"/>) and, for a timer, when it falls due.</summary>
public sealed record BookmarkView(Guid Id, string ActivityId, string Kind, string Key, DateTimeOffset? DueAt, DateTimeOffset CreatedAt);

/// <summary>A definition version the caller's county may run; <see cref="Shared"/> when it comes from the shared library.</summary>
public sealed record DefinitionListItem(string Id, string DefinitionId, int Version, string Name, bool IsLatest, bool IsPublished, bool Shared);

/// <summary>
/// An incident as the API shows it: the kept message body is in <see cref="MessageBody"/> for message kinds; stack traces stay in
/// the database and the logs.
/// </summary>
public sealed record IncidentView(Guid Id, Guid? InstanceId, string Kind, string ActivityId, string Message, string? MessageType,
    Guid? MessageId, string? MessageBody, string? Source, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? Resolution, string? ResolvedBy)
{
    public static IncidentView Of(Incident i) => new(i.Id, i.InstanceId == Guid.Empty ? null : i.InstanceId, i.Kind, i.ActivityId, i.Message,
        i.MessageType, i.MessageId, i.MessageBody, i.Source, i.CreatedAt, i.ResolvedAt, i.Resolution, i.ResolvedBy);
}

public sealed record AccountabilityEntry(Guid InstanceId, string DefinitionId, string Role, string Actor, string? ActivityName, DateTimeOffset At);

internal static class WorkflowApi
{
    public static void MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").WithTags("Workflows")
            .WithIdempotency<WorkflowDbContext>(); // a start or an event sent again with its Idempotency-Key gets the first answer

        api.MapGet("/definitions", async (DefinitionStore store, HttpContext http, CancellationToken ct) =>
            (await store.VisibleAsync(http.User.TenantId(), ct)).Where(d => d.IsLatest || d.IsPublished).OrderBy(d => d.DefinitionId).ThenBy(d => d.Version)
                .Select(d => new DefinitionListItem(d.Id, d.DefinitionId, d.Version, d.Name, d.IsLatest, d.IsPublished,
                    d.TenantId == DefinitionTenancy.SharedLibrary)).ToList())
            .WithSummary("The definitions the county may run: its own and the shared library's, latest and published versions.");

        api.MapPost("/{definitionId}/instances", async (string definitionId, StartWorkflowRequest request, WorkflowRuntime runtime, WorkflowDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var instance = await runtime.StartAsync(definitionId, request.Input, http.User.TenantId(), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/workflows/instances/{instance.Id}", InstanceSummary.Of(instance));
            })
            .WithSummary("Starts a procedure on the published version of a definition.");

        api.MapGet("/instances", async (WorkflowStatus? status, string? definitionId, Guid? cadreId, Guid? batchId, WorkflowDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Instances.AsNoTracking().Where(i => i.TenantId == tenant);
            if (status is { } s) query = query.Where(i => i.Status == s);
            if (definitionId is not null) query = query.Where(i => i.DefinitionId == definitionId);
            if (cadreId is { } cadre) query = query.Where(i => i.CadreId == cadre);
            if (batchId is { } batch) query = query.Where(i => i.BatchId == batch);
            return (await query.OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct)).Select(InstanceSummary.Of);
        })
            .WithSummary("The county's procedure instances, by status, definition, cadre or batch (the motion whose posts started them), newest first.");

        api.MapGet("/instances/{id:guid}", async (Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)
                           ?? throw new NotFoundException($"No workflow instance {id}.");
            var state = InstanceState.FromJson(instance.StateJson);
            var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
            var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id)
                .Select(b => new BookmarkView(b.Id, b.ActivityId, b.Kind, b.Key, b.DueAt, b.CreatedAt)).ToListAsync(ct);
            var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).OrderBy(i => i.CreatedAt)
                .ToListAsync(ct);
            return new InstanceDetails(InstanceSummary.Of(instance), state.Variables, state.Input, state.LastResult,
                journal.Select(j => new JournalItem(j.Sequence, j.Timestamp, j.EventName, j.ActivityId, j.ActivityType, j.ActivityName, j.Actor, j.Role,
                    j.CadreId, j.Message, j.PayloadJson, j.Hash)).ToList(), bookmarks, incidents.Select(IncidentView.Of).ToList());
        })
            .WithSummary("One procedure instance with its bookmarks, incidents, variables and journal (C1).");

        api.MapGet("/instances/{id:guid}/journal/verify", async (Guid id, WorkflowDbContext db, JournalSeals seals, HttpContext http, CancellationToken ct) =>
        {
            var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)
                           ?? throw new NotFoundException($"No workflow instance {id}.");
            var (sealedHeads, sealProblem) = seals.For(id);
            var verification = JournalVerifier.Verify(await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).ToListAsync(ct), instance, sealedHeads, sealProblem);
            WorkflowMetrics.JournalVerifications.Add(1, new KeyValuePair<string, object?>("result", verification.Valid ? "intact" : "broken"));
            return verification;
        }).WithSummary("C1: recomputes the journal's hash chain, checks the stored state against it and the sealed checkpoints, and reports the first broken entry.");

        api.MapPost("/instances/{id:guid}/cancel", async (Guid id, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runtime.CancelAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return InstanceSummary.Of(instance);
        })
            .WithSummary("Cancels a running procedure; the journal records who did (C1).");

        api.MapPost("/instances/{id:guid}/retry", async (Guid id, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runtime.RetryAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return InstanceSummary.Of(instance);
        }).WithSummary("Runs a faulted instance again from the activity that failed.");

        api.MapGet("/incidents", async (bool? open, string? kind, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = from i in db.Incidents.AsNoTracking()
                        join w in db.Instances.AsNoTracking() on i.InstanceId equals w.Id into owners
                        from w in owners.DefaultIfEmpty()
                        where (w != null && w.TenantId == tenant) || (i.InstanceId == Guid.Empty && i.TenantId == tenant)
                        select i;
            if (open ?? true) query = query.Where(i => i.ResolvedAt == null);
            if (kind is not null) query = query.Where(i => i.Kind == kind);
            return (await query.OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct)).Select(IncidentView.Of);
        }).WithSummary("The tenant's incidents (open ones unless open=false), including messages that name no procedure.");

        api.MapPost("/instances/{id:guid}/incidents/{incidentId:guid}/retry", (Guid id, Guid incidentId, IncidentActions actions, WorkflowDbContext db,
                HttpContext http, CancellationToken ct) => InTransaction(db, () => actions.RetryAsync(incidentId, id, http.User.TenantId(), http.User.ActorId(), ct), ct))
            .WithSummary("Retries an incident: sends the command again, applies the kept result or event again, or runs a faulted activity again.");

        api.MapPost("/instances/{id:guid}/incidents/{incidentId:guid}/skip", (Guid id, Guid incidentId, SkipIncidentRequest? request, IncidentActions actions,
                WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
                InTransaction(db, () => actions.SkipAsync(incidentId, id, http.User.TenantId(), http.User.ActorId(), request ?? new(null, null), ct), ct))
            .WithSummary("Skips an incident: the waiting step completes on the named port (by default its failure port), or the kept event is discarded.");

        api.MapPost("/incidents/{incidentId:guid}/retry", (Guid incidentId, IncidentActions actions, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
                InTransaction(db, () => actions.RetryAsync(incidentId, null, http.User.TenantId(), http.User.ActorId(), ct), ct))
            .WithSummary("Retries the step an open incident stopped, on whichever instance it belongs to.");

        api.MapPost("/incidents/{incidentId:guid}/skip", (Guid incidentId, SkipIncidentRequest? request, IncidentActions actions, WorkflowDbContext db,
                HttpContext http, CancellationToken ct) =>
                InTransaction(db, () => actions.SkipAsync(incidentId, null, http.User.TenantId(), http.User.ActorId(), request ?? new(null, null), ct), ct))
            .WithSummary("Skips the step an open incident stopped, with the outcome to continue by, on whichever instance it belongs to.");

        api.MapPost("/events", async (RaiseEventRequest request, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (ServiceFacts.IsServiceFact(request.EventName))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A service's fact cannot be raised over HTTP",
                    detail: $"{request.EventName} is announced by a service, not recorded by a person: only human steps are raised here.",
                    extensions: new Dictionary<string, object?> { ["rule"] = ServiceFacts.Rule, ["eventName"] = request.EventName });
            var tenant = http.User.TenantId();
            if (await EventPayloads.FaultsAsync(db, tenant, request.EventName, request.CorrelationKey, request.Payload, ct) is { Count: > 0 } faults)
                return Results.ValidationProblem(faults, title: "The payload does not satisfy the schema the waiting step declares.");
            var resumed = await runtime.RaiseEventAsync(tenant, request.EventName, request.CorrelationKey, request.Payload, http.User.ActorId(), ct);
            if (resumed > 0)
            {
                await db.SaveChangesAsync(ct);
                return Results.Ok(new RaiseEventResponse(resumed, Waiting: false));
            }
            // Nothing waits yet: a step of a procedure still going keeps it for when it gets there; otherwise the caller is told.
            if (!await runtime.KeepForAsync(tenant, request.CorrelationKey, request.EventName, request.Payload, http.User.ActorId(), ct))
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No procedure waits for this event",
                    detail: $"No procedure of the county waits for {request.EventName} with key {request.CorrelationKey}, and the key names no procedure still going.",
                    extensions: new Dictionary<string, object?> { ["eventName"] = request.EventName });
            await db.SaveChangesAsync(ct);
            return Results.Accepted(value: new RaiseEventResponse(0, Waiting: true));
        }).WithSummary("Records a human step no service owns (a custom step an administrator added) for the procedure waiting on it; a " +
                       "step the procedure has not reached yet waits for it; service facts are refused.");

        api.MapGet("/waiting-facts", async (Guid? instanceId, WorkflowDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var now = time.GetUtcNow();
            var query = db.WaitingFacts.AsNoTracking().Where(f => f.TenantId == tenant);
            if (instanceId is { } id) query = query.Where(f => f.InstanceId == id);
            var facts = await query.OrderBy(f => f.ReceivedAt).Take(500).ToListAsync(ct);
            return facts.Select(f => new WaitingFactView(f.Id, f.InstanceId, f.Name, f.Actor, f.ReceivedAt, f.ExpiresAt, f.ExpiresAt <= now)).ToList();
        }).WithSummary("Facts recorded for a procedure before it reached the step that waits for them, until applied or expired.");

        api.MapGet("/cadres/{cadreId:guid}/record", async (Guid cadreId, WorkflowDbContext db, JournalSeals seals, HttpContext http, CancellationToken ct) =>
                (await Records.CadreRecordQueries.ReadAsync(cadreId, http.User.TenantId(), db, seals, ct)).For(http.User))
            .WithSummary("C1: the cadre's full-process record (一人一表、一事一记): every fact the services recorded and every step of the cadre's " +
                         "procedures in time order, with actor, outcome and evidence, and whether each procedure's journal verifies.");

        api.MapGet("/cadres/{cadreId:guid}/record.html", async (Guid cadreId, WorkflowDbContext db, JournalSeals seals, CountyClock clock,
                IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var record = (await Records.CadreRecordQueries.ReadAsync(cadreId, tenant, db, seals, ct)).For(http.User);
                return Results.Content(Records.CadreRecordPage.Render(record, ServiceDefaults.Reports.ReportPage.Department(configuration, tenant), clock, tenant),
                    "text/html; charset=utf-8");
            })
            .WithSummary("C1: the cadre's full-process record as a page to print on A4 (全程记实表), in Chinese, times in county time.");

        api.MapGet("/accountability/{cadreId:guid}", async (Guid cadreId, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await (from j in db.Journal.AsNoTracking()
                          join i in db.Instances.AsNoTracking() on j.InstanceId equals i.Id
                          where i.TenantId == tenant && j.CadreId == cadreId && j.EventName == "Accountable"
                          orderby j.Timestamp, j.Sequence
                          select new AccountabilityEntry(i.Id, i.DefinitionId, j.Role!, j.Actor!, j.ActivityName, j.Timestamp)).ToListAsync(ct);
        }).WithSummary("C2: who nominated, inspected and voted for a cadre, across procedures.");

        api.MapGet("/activities", (ActivityRegistry registry) => registry.Descriptors()).WithSummary("The activities the runtime runs (Elsa descriptors).");
    }

    /// <summary>An incident action commits as one: its journal entry, the instance's run and the messages it sends.</summary>
    static async Task<IncidentView> InTransaction(WorkflowDbContext db, Func<Task<Incident>> action, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var incident = await action();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return IncidentView.Of(incident);
    }
}

/// <summary>How many waits an event resumed or started, and whether it was kept for a step the procedure has not reached yet.</summary>
public sealed record RaiseEventResponse(int Resumed, bool Waiting);

/// <summary>A fact kept for a procedure's step not reached yet (<see cref="Runtime.WaitingFact"/>); expired ones are applied to nothing.</summary>
public sealed record WaitingFactView(Guid Id, Guid InstanceId, string Name, string RecordedBy, DateTimeOffset ReceivedAt, DateTimeOffset ExpiresAt, bool Expired);
