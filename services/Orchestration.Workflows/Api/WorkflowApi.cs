using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Api;

public sealed record StartWorkflowRequest(JsonObject? Input);

public sealed record RaiseEventRequest(string EventName, string CorrelationKey, JsonNode? Payload);

public sealed record InstanceSummary(Guid Id, string DefinitionId, string DefinitionVersionId, int Version, string Name, Guid? CadreId,
    WorkflowStatus Status, int IncidentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public static InstanceSummary Of(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Name, i.CadreId, i.Status, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt);
}

public sealed record JournalItem(int Sequence, DateTimeOffset Timestamp, string EventName, string? ActivityId, string? ActivityType, string? ActivityName,
    string? Actor, string? Role, Guid? CadreId, string? Message, string? PayloadJson, string Hash);

public sealed record InstanceDetails(InstanceSummary Instance, JsonNode? Variables, JsonNode? Input, JsonNode? LastResult,
    IReadOnlyList<JournalItem> Journal, IReadOnlyList<object> Bookmarks, IReadOnlyList<object> Incidents);

public sealed record AccountabilityEntry(Guid InstanceId, string DefinitionId, string Role, string Actor, string? ActivityName, DateTimeOffset At);

internal static class WorkflowApi
{
    public static void MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").WithTags("Workflows");

        api.MapGet("/definitions", async (DefinitionStore store, HttpContext http, CancellationToken ct) =>
            (await store.VisibleAsync(http.User.TenantId(), ct)).Where(d => d.IsLatest || d.IsPublished).OrderBy(d => d.DefinitionId).ThenBy(d => d.Version)
                .Select(d => new { d.Id, d.DefinitionId, d.Version, d.Name, d.IsLatest, d.IsPublished, Shared = d.TenantId == DefinitionTenancy.SharedLibrary }));

        api.MapPost("/{definitionId}/instances", async (string definitionId, StartWorkflowRequest request, WorkflowRuntime runtime, WorkflowDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var instance = await runtime.StartAsync(definitionId, request.Input, http.User.TenantId(), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/workflows/instances/{instance.Id}", InstanceSummary.Of(instance));
            })
            .WithSummary("Starts a procedure on the published version of a definition.");

        api.MapGet("/instances", async (WorkflowStatus? status, string? definitionId, Guid? cadreId, WorkflowDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Instances.AsNoTracking().Where(i => i.TenantId == tenant);
            if (status is { } s) query = query.Where(i => i.Status == s);
            if (definitionId is not null) query = query.Where(i => i.DefinitionId == definitionId);
            if (cadreId is { } cadre) query = query.Where(i => i.CadreId == cadre);
            return (await query.OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct)).Select(InstanceSummary.Of);
        });

        api.MapGet("/instances/{id:guid}", async (Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)
                           ?? throw new NotFoundException($"No workflow instance {id}.");
            var state = InstanceState.FromJson(instance.StateJson);
            var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
            var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id)
                .Select(b => (object)new { b.Id, b.ActivityId, b.Kind, b.Key, b.DueAt, b.CreatedAt }).ToListAsync(ct);
            var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id)
                .Select(i => (object)new { i.Id, i.ActivityId, i.Message, i.CreatedAt, i.ResolvedAt }).ToListAsync(ct);
            return new InstanceDetails(InstanceSummary.Of(instance), state.Variables, state.Input, state.LastResult,
                journal.Select(j => new JournalItem(j.Sequence, j.Timestamp, j.EventName, j.ActivityId, j.ActivityType, j.ActivityName, j.Actor, j.Role,
                    j.CadreId, j.Message, j.PayloadJson, j.Hash)).ToList(), bookmarks, incidents);
        });

        api.MapGet("/instances/{id:guid}/journal/verify", async (Guid id, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (!await db.Instances.AnyAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)) throw new NotFoundException($"No workflow instance {id}.");
            return JournalVerifier.Verify(await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).ToListAsync(ct));
        }).WithSummary("C1: recomputes the journal's hash chain and reports the first broken entry.");

        api.MapPost("/instances/{id:guid}/cancel", async (Guid id, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runtime.CancelAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return InstanceSummary.Of(instance);
        });

        api.MapPost("/instances/{id:guid}/retry", async (Guid id, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runtime.RetryAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return InstanceSummary.Of(instance);
        }).WithSummary("Runs a faulted instance again from the activity that failed.");

        api.MapPost("/events", async (RaiseEventRequest request, WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (ServiceFacts.IsServiceFact(request.EventName))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A service's fact cannot be raised over HTTP",
                    detail: $"{request.EventName} is announced by a service, not recorded by a person: only human steps are raised here.",
                    extensions: new Dictionary<string, object?> { ["rule"] = ServiceFacts.Rule, ["eventName"] = request.EventName });
            var resumed = await runtime.RaiseEventAsync(http.User.TenantId(), request.EventName, request.CorrelationKey, request.Payload, http.User.ActorId(), ct);
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { resumed });
        }).WithSummary("Records a human step (a ballot, an opinion, scores) for the procedures waiting on it; service facts are refused.");

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
}
