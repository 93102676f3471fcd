using System.ComponentModel;
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

/// <param name="Input">The instance's input (JSON), e.g. the cadre id and the posts.</param>
public sealed record StartWorkflowRequest(JsonObject? Input);

/// <param name="EventName">The event's name the waiting instances listen for.</param>
/// <param name="CorrelationKey">The key that picks the instances to resume.</param>
/// <param name="Payload">Data passed to the resumed instances (JSON).</param>
public sealed record RaiseEventRequest(string EventName, string CorrelationKey, JsonNode? Payload);

/// <param name="Id">The instance's id, also the procedure id the services record their facts under.</param>
/// <param name="DefinitionId">The workflow definition it runs.</param>
/// <param name="DefinitionVersionId">The definition version it runs.</param>
/// <param name="Version">The definition's version number.</param>
/// <param name="Name">The definition's name.</param>
/// <param name="CadreId">The cadre the procedure concerns, if any.</param>
/// <param name="Status">Running, Suspended (waiting), Finished, Faulted or Cancelled.</param>
/// <param name="IncidentCount">How many incidents are open.</param>
/// <param name="CreatedAt">When the instance was started (UTC instant).</param>
/// <param name="UpdatedAt">When it last changed (UTC instant).</param>
/// <param name="FinishedAt">When it finished or was cancelled (UTC instant); empty while it runs.</param>
/// <param name="BatchId">The batch the instance was started in (one motion's posts), if any.</param>
/// <param name="ParentId">The instance whose Execute Workflow or Dispatch Workflow started this one (always of the same county), if any.</param>
public sealed record InstanceSummary(Guid Id, string DefinitionId, string DefinitionVersionId, int Version, string Name, Guid? CadreId,
    WorkflowStatus Status, int IncidentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, Guid? BatchId = null,
    Guid? ParentId = null)
{
    public static InstanceSummary Of(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Name, i.CadreId, i.Status, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt,
            i.BatchId, i.ParentId);
}

/// <param name="Sequence">The entry's number in the instance's journal, from 1.</param>
/// <param name="Timestamp">When it happened (UTC instant).</param>
/// <param name="EventName">What happened, e.g. Started, Completed, Arrived (a branch reached a join still awaiting other paths), Accountable, Faulted or StateSaved.</param>
/// <param name="ActivityId">The activity concerned, if any.</param>
/// <param name="ActivityType">The activity's type, if any.</param>
/// <param name="ActivityName">The activity's name, if any.</param>
/// <param name="Actor">Who acted, if a person did.</param>
/// <param name="Role">The part the actor answers for (C2), if any.</param>
/// <param name="CadreId">The cadre concerned, if any.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="PayloadJson">The data recorded with it (JSON), if any.</param>
/// <param name="Hash">The entry's hash, chained to the one before (C1: a changed entry breaks the chain).</param>
public sealed record JournalItem(int Sequence, DateTimeOffset Timestamp, string EventName, string? ActivityId, string? ActivityType, string? ActivityName,
    string? Actor, string? Role, Guid? CadreId, string? Message, string? PayloadJson, string Hash);

/// <param name="Instance">The instance.</param>
/// <param name="Variables">The instance's variables (JSON).</param>
/// <param name="Input">The input the instance was started with (JSON).</param>
/// <param name="LastResult">The last domain result the instance received (JSON).</param>
/// <param name="Journal">The instance's journal (C1), in order.</param>
/// <param name="Bookmarks">Where the instance waits now.</param>
/// <param name="Incidents">The instance's incidents, open and resolved.</param>
public sealed record InstanceDetails(InstanceSummary Instance, JsonNode? Variables, JsonNode? Input, JsonNode? LastResult,
    IReadOnlyList<JournalItem> Journal, IReadOnlyList<BookmarkView> Bookmarks, IReadOnlyList<IncidentView> Incidents);

/// <summary>A step the instance waits at: what resumes it (<see cref="Kind"/>, <see cref="Key"/>) and, for a timer, when it falls due.</summary>
/// <param name="Id">The bookmark's id.</param>
/// <param name="ActivityId">The activity the instance waits at.</param>
/// <param name="Kind">What resumes it: Timer, Event or DomainResult.</param>
/// <param name="Key">The key that resumes it: the event's correlation key, the awaited result, or the timer's id.</param>
/// <param name="DueAt">When a timer falls due (UTC instant); empty for other kinds.</param>
/// <param name="CreatedAt">When the instance began to wait (UTC instant).</param>
/// <param name="Attempts">How many times a timer failed to fire (0 for other kinds); at the limit it is parked with an incident.</param>
/// <param name="LastError">Why a timer last failed to fire; empty when it never failed.</param>
public sealed record BookmarkView(Guid Id, string ActivityId, string Kind, string Key, DateTimeOffset? DueAt, DateTimeOffset CreatedAt, int Attempts, string? LastError);

/// <summary>A definition version the caller's county may run; <see cref="Shared"/> when it comes from the shared library.</summary>
/// <param name="Id">The definition version's id.</param>
/// <param name="DefinitionId">The workflow definition's id, the same for all its versions.</param>
/// <param name="Version">The version number.</param>
/// <param name="Name">The definition's name.</param>
/// <param name="IsLatest">This is the latest version.</param>
/// <param name="IsPublished">This version is published, so new instances run it.</param>
/// <param name="Shared">The definition comes from the shared library of procedures kept with the product, not the county's own.</param>
public sealed record DefinitionListItem(string Id, string DefinitionId, int Version, string Name, bool IsLatest, bool IsPublished, bool Shared);

/// <summary>
/// An incident as the API shows it: the kept message body is in <see cref="MessageBody"/> for message kinds; stack traces stay in
/// the database and the logs.
/// </summary>
/// <param name="Id">The incident's id.</param>
/// <param name="InstanceId">The procedure (workflow instance) that stopped; empty for a message no instance was found for.</param>
/// <param name="Kind">What failed: activity (a step threw), command (a service's consumer faulted on the step's command), result or event (the workflow server's consumer faulted).</param>
/// <param name="ActivityId">The activity where the instance stopped.</param>
/// <param name="Message">What went wrong, in words.</param>
/// <param name="MessageType">The bus message's type, for message kinds.</param>
/// <param name="MessageId">The bus message's id, for message kinds.</param>
/// <param name="MessageBody">The kept message body (JSON), for message kinds, so a retry can send it again.</param>
/// <param name="Source">The service or consumer that reported it.</param>
/// <param name="CreatedAt">When the incident was raised (UTC instant).</param>
/// <param name="ResolvedAt">When it was resolved (UTC instant); empty while open.</param>
/// <param name="Resolution">How it was resolved: retried or skipped.</param>
/// <param name="ResolvedBy">Who resolved it: the signed-in person's id.</param>
public sealed record IncidentView(Guid Id, Guid? InstanceId, string Kind, string ActivityId, string Message, string? MessageType,
    Guid? MessageId, string? MessageBody, string? Source, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? Resolution, string? ResolvedBy)
{
    public static IncidentView Of(Incident i) => new(i.Id, i.InstanceId == Guid.Empty ? null : i.InstanceId, i.Kind, i.ActivityId, i.Message,
        i.MessageType, i.MessageId, i.MessageBody, i.Source, i.CreatedAt, i.ResolvedAt, i.Resolution, i.ResolvedBy);
}

/// <param name="InstanceId">The procedure (workflow instance) the act belongs to.</param>
/// <param name="DefinitionId">The procedure's workflow definition.</param>
/// <param name="Role">The part the person answers for (C2), e.g. nominator, inspection team leader or voting member.</param>
/// <param name="Actor">Who answers for it.</param>
/// <param name="ActivityName">The step of the procedure where they acted.</param>
/// <param name="At">When they acted (UTC instant).</param>
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

        api.MapPost("/{definitionId}/instances", async ([Description("The workflow definition to start (its latest published version runs).")] string definitionId, StartWorkflowRequest request, WorkflowRuntime runtime, WorkflowDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var instance = await runtime.StartAsync(definitionId, request.Input, http.User.TenantId(), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/workflows/instances/{instance.Id}", InstanceSummary.Of(instance));
            })
            .WithSummary("Starts a procedure on the published version of a definition.");

        api.MapGet("/instances", async ([Description("Only the instances in this status.")] WorkflowStatus? status, [Description("Only the instances of this workflow definition.")] string? definitionId, [Description("Only the procedures of this cadre.")] Guid? cadreId, [Description("Only the instances started in this batch (one motion's posts).")] Guid? batchId, WorkflowDbContext db, HttpContext http,
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

        api.MapGet("/instances/{id:guid}", async ([Description("The workflow instance's id (the procedure id).")] Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)
                           ?? throw new NotFoundException($"No workflow instance {id}.");
            var state = InstanceState.FromJson(instance.StateJson);
            var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
            var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id)
                .Select(b => new BookmarkView(b.Id, b.ActivityId, b.Kind, b.Key, b.DueAt, b.CreatedAt, b.Attempts, b.LastError)).ToListAsync(ct);
            var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).OrderBy(i => i.CreatedAt)
                .ToListAsync(ct);
            return new InstanceDetails(InstanceSummary.Of(instance), state.Variables, state.Input, state.LastResult,
                journal.Select(j => new JournalItem(j.Sequence, j.Timestamp, j.EventName, j.ActivityId, j.ActivityType, j.ActivityName, j.Actor, j.Role,
                    j.CadreId, j.Message, j.PayloadJson, j.Hash)).ToList(), bookmarks, incidents.Select(IncidentView.Of).ToList());
        })
            .WithSummary("One procedure instance with its bookmarks, incidents, variables and journal (C1).");

        api.MapGet("/instances/{id:guid}/journal/verify", async ([Description("The workflow instance's id (the procedure id).")] Guid id, WorkflowDbContext db, JournalSeals seals, HttpContext http, CancellationToken ct) =>
        {
            var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)
                           ?? throw new NotFoundException($"No workflow instance {id}.");
            var (sealedHeads, sealProblem) = seals.For(id);
            var verification = JournalVerifier.Verify(await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).ToListAsync(ct), instance, sealedHeads, sealProblem);
            WorkflowMetrics.JournalVerifications.Add(1, new KeyValuePair<string, object?>("result", verification.Valid ? "intact" : "broken"));
            return verification;
        }).WithSummary("C1: recomputes the journal's hash chain, checks the stored state against it and the sealed checkpoints, and reports the first broken entry.");

        api.MapPost("/instances/{id:guid}/cancel", async ([Description("The workflow instance's id (the procedure id).")] Guid id, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runtime.CancelAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return InstanceSummary.Of(instance);
        })
            .WithSummary("Cancels a running procedure; the journal records who did (C1).");

        api.MapPost("/instances/{id:guid}/retry", async ([Description("The workflow instance's id (the procedure id).")] Guid id, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runtime.RetryAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return InstanceSummary.Of(instance);
        }).WithSummary("Runs a faulted instance again from the activity that failed.");

        api.MapGet("/incidents", async ([Description("true: only the open incidents; false: only the resolved ones; all when left out.")] bool? open, [Description("Only the incidents of this kind: activity, command, result or event.")] string? kind, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
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

        api.MapPost("/instances/{id:guid}/incidents/{incidentId:guid}/retry", ([Description("The workflow instance's id (the procedure id).")] Guid id, [Description("The incident's id.")] Guid incidentId, IncidentActions actions, WorkflowDbContext db,
                HttpContext http, CancellationToken ct) => InTransaction(db, () => actions.RetryAsync(incidentId, id, http.User.TenantId(), http.User.ActorId(), ct), ct))
            .WithSummary("Retries an incident: sends the command again, applies the kept result or event again, or runs a faulted activity again.");

        api.MapPost("/instances/{id:guid}/incidents/{incidentId:guid}/skip", ([Description("The workflow instance's id (the procedure id).")] Guid id, [Description("The incident's id.")] Guid incidentId, SkipIncidentRequest? request, IncidentActions actions,
                WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
                InTransaction(db, () => actions.SkipAsync(incidentId, id, http.User.TenantId(), http.User.ActorId(), request ?? new(null, null), ct), ct))
            .WithSummary("Skips an incident: the waiting step completes on the named port (by default its failure port), or the kept event is discarded.");

        api.MapPost("/incidents/{incidentId:guid}/retry", ([Description("The incident's id.")] Guid incidentId, IncidentActions actions, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
                InTransaction(db, () => actions.RetryAsync(incidentId, null, http.User.TenantId(), http.User.ActorId(), ct), ct))
            .WithSummary("Retries the step an open incident stopped, on whichever instance it belongs to.");

        api.MapPost("/incidents/{incidentId:guid}/skip", ([Description("The incident's id.")] Guid incidentId, SkipIncidentRequest? request, IncidentActions actions, WorkflowDbContext db,
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

        api.MapGet("/waiting-facts", async ([Description("Only the facts kept for this procedure.")] Guid? instanceId, WorkflowDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var now = time.GetUtcNow();
            var query = db.WaitingFacts.AsNoTracking().Where(f => f.TenantId == tenant);
            if (instanceId is { } id) query = query.Where(f => f.InstanceId == id);
            var facts = await query.OrderBy(f => f.ReceivedAt).Take(500).ToListAsync(ct);
            return facts.Select(f => new WaitingFactView(f.Id, f.InstanceId, f.Name, f.Actor, f.ReceivedAt, f.ExpiresAt, f.ExpiresAt <= now)).ToList();
        }).WithSummary("Facts recorded for a procedure before it reached the step that waits for them, until applied or expired.");

        api.MapGet("/cadres/{cadreId:guid}/record", async ([Description("The cadre's id.")] Guid cadreId, WorkflowDbContext db, JournalSeals seals, HttpContext http, CancellationToken ct) =>
                (await Records.CadreRecordQueries.ReadAsync(cadreId, http.User.TenantId(), db, seals, ct)).For(http.User))
            .WithSummary("C1: the cadre's full-process record (一人一表、一事一记): every fact the services recorded and every step of the cadre's " +
                         "procedures in time order, with actor, outcome and evidence, and whether each procedure's journal verifies.");

        api.MapGet("/cadres/{cadreId:guid}/record.html", async ([Description("The cadre's id.")] Guid cadreId, WorkflowDbContext db, JournalSeals seals, CountyClock clock,
                IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var record = (await Records.CadreRecordQueries.ReadAsync(cadreId, tenant, db, seals, ct)).For(http.User);
                return Results.Content(Records.CadreRecordPage.Render(record, ServiceDefaults.Reports.ReportPage.Department(configuration, tenant), clock, tenant),
                    "text/html; charset=utf-8");
            })
            .WithSummary("C1: the cadre's full-process record as a page to print on A4 (全程记实表), in Chinese, times in county time.");

        api.MapGet("/accountability/{cadreId:guid}", async ([Description("The cadre's id.")] Guid cadreId, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
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
/// <param name="Id">The kept fact's id.</param>
/// <param name="InstanceId">The procedure the fact waits for.</param>
/// <param name="Name">The fact's name (the domain result or event).</param>
/// <param name="RecordedBy">Who recorded the fact.</param>
/// <param name="ReceivedAt">When the fact arrived (UTC instant).</param>
/// <param name="ExpiresAt">When it is dropped if the step is not reached (UTC instant).</param>
/// <param name="Expired">It expired before the step was reached and was applied to nothing.</param>
public sealed record WaitingFactView(Guid Id, Guid InstanceId, string Name, string RecordedBy, DateTimeOffset ReceivedAt, DateTimeOffset ExpiresAt, bool Expired);
