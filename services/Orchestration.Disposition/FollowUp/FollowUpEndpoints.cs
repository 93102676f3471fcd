using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Disposition.FollowUp;

/// <summary>A line of the D6 ledger; naming the procedure that waits for it resumes that procedure.</summary>
/// <param name="HeldOn">The county date it took place.</param>
/// <param name="HeldBy">Who held it (the supervising leader, the unit head or the organization department).</param>
/// <param name="Notes">What was found and said (C1).</param>
/// <param name="ProcedureId">The procedure waiting for this line, resumed when it is recorded; empty when none waits.</param>
public sealed record FollowUpRequest(DateOnly HeldOn, string HeldBy, string Notes, Guid? ProcedureId = null);

/// <param name="InspectionPassed">The strict inspection before reinstatement (重新提拔使用, D6) was passed.</param>
/// <param name="InspectionReference">The reference of that inspection.</param>
/// <param name="AboveOriginalLevel">The post offered is above the level the cadre held before the measure (D6: barred two years after a removal).</param>
/// <param name="ProcedureId">The procedure waiting for the reinstatement, resumed with its outcome; empty when none waits.</param>
public sealed record ReinstateRequest(bool InspectionPassed, string? InspectionReference = null, bool AboveOriginalLevel = false, Guid? ProcedureId = null);

/// <param name="Id">The ledger line's id.</param>
/// <param name="CaseId">The disposition case followed up.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Kind">What the line records (D6): a monthly talk, a quarterly revisit or an annual assessment.</param>
/// <param name="HeldOn">The county date it took place.</param>
/// <param name="HeldBy">Who held it (the supervising leader, the unit head or the organization department).</param>
/// <param name="Notes">What was found and said (C1).</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record FollowUpEntryResponse(Guid Id, Guid CaseId, Guid CadreId, string Kind, DateOnly HeldOn, string HeldBy, string Notes,
    DateTimeOffset RecordedAt)
{
    public static FollowUpEntryResponse From(FollowUpEntry e) => new(e.Id, e.CaseId, e.CadreId, e.Kind, e.HeldOn, e.HeldBy, e.Notes, e.RecordedAt);
}

internal static class FollowUpEndpoints
{
    public static void MapFollowUp(this RouteGroupBuilder disposition)
    {
        var cases = disposition.MapGroup("/cases/{id:guid}");

        // Talks and revisits are the commands a procedure's steps wait for; the annual assessment is a line of the ledger only.
        MapEntry(cases, "talks", FollowUpKinds.Talk, (r, tenant, id) => new RecordFollowUpTalk(r.ProcedureId ?? Guid.Empty, tenant, id, r.HeldOn, r.HeldBy, r.Notes));
        MapEntry(cases, "revisits", FollowUpKinds.Revisit, (r, tenant, id) => new RecordRevisit(r.ProcedureId ?? Guid.Empty, tenant, id, r.HeldOn, r.HeldBy, r.Notes));
        MapEntry(cases, "annual-assessments", FollowUpKinds.AnnualAssessment,
            (r, tenant, id) => new RecordAnnualAssessment(tenant, id, r.HeldOn, r.HeldBy, r.Notes));

        cases.MapGet("/follow-up", async ([Description("The disposition case's id.")] Guid id, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                return TypedResults.Ok((await db.FollowUps.AsNoTracking().Where(f => f.CaseId == id && f.TenantId == tenant).OrderBy(f => f.HeldOn)
                    .ToListAsync(ct)).Select(FollowUpEntryResponse.From).ToList());
            })
            .WithSummary("The disposed cadre's ledger of talks, revisits and assessments (D6), by date.");

        cases.MapPost("/reinstatement", async Task<Ok<CaseResponse>> ([Description("The disposition case's id.")] Guid id, ReinstateRequest request, FollowUps followUps, CommandPipeline pipeline,
                DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var @case = await pipeline.ExecuteAsync(db, new ReinstateCadre(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), id,
                    request.InspectionPassed, request.InspectionReference, request.AboveOriginalLevel), http.User.ActorId(), followUps.ReinstateAsync, ct);
                return TypedResults.Ok(CaseResponse.From(@case));
            })
            .ProducesValidationProblem()
            .WithSummary("Reinstates a disposed cadre after a passed inspection and enough quarterly revisits (D6); the case's procedure ends with it.");
    }

    static void MapEntry<TCommand>(RouteGroupBuilder cases, string path, string kind, Func<FollowUpRequest, string, Guid, TCommand> command)
        where TCommand : class, IFollowUpEntryCommand =>
        cases.MapPost($"/follow-up/{path}", async Task<Created<FollowUpEntryResponse>> ([Description("The disposition case's id.")] Guid id, FollowUpRequest request, FollowUps followUps,
                CommandPipeline pipeline, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var entry = await pipeline.ExecuteAsync(db, command(request, http.User.TenantId(), id), http.User.ActorId(),
                    (c, _, token) => followUps.RecordAsync(c.ProcedureId, c.TenantId, c.CaseId, kind, c.HeldOn, c.HeldBy, c.Notes, token), ct);
                return TypedResults.Created($"/api/disposition/cases/{id}/follow-up", FollowUpEntryResponse.From(entry));
            })
            .ProducesValidationProblem()
            .WithSummary($"Enters a {kind} in the disposed cadre's ledger (D6); naming the procedure resumes its step.");
}
