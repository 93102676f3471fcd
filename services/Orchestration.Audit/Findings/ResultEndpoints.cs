using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Findings;

/// <summary>A completed audit as the department records it; checked by the validator of <see cref="RecordAuditResult"/>, as on the bus.</summary>
/// <param name="UnitId">The audited unit.</param>
/// <param name="CadreId">The leader whose economic responsibility was audited.</param>
/// <param name="Year">The year of the audit.</param>
/// <param name="Rating">The audit's rating (A5): Excellent (履责优秀) commends the leader, Satisfactory, or Deficient (履责不佳) opens a disposition case (D1).</param>
/// <param name="Findings">The problems the audit found; none for a clean audit.</param>
/// <param name="DepartureAuditId">The departure audit (先审后离, A4) this result completes, if any.</param>
/// <param name="ProcedureId">The procedure waiting for the result, resumed with it; empty when none waits.</param>
public sealed record RecordAuditResultRequest(
    Guid UnitId, Guid CadreId, int Year, AuditRating Rating, IReadOnlyList<string>? Findings = null, Guid? DepartureAuditId = null, Guid? ProcedureId = null);

/// <param name="Id">The audit result's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="UnitId">The audited unit.</param>
/// <param name="CadreId">The leader whose economic responsibility was audited.</param>
/// <param name="Year">The year of the audit.</param>
/// <param name="Rating">The audit's rating (A5): Excellent (履责优秀, commended), Satisfactory, or Deficient (履责不佳: its findings open a disposition case, D1).</param>
/// <param name="Findings">The problems the audit found; empty for a clean audit.</param>
/// <param name="DepartureAuditId">The departure audit (先审后离, A4) this result completes; empty otherwise.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record AuditResultResponse(
    Guid Id, Guid ProcedureId, Guid UnitId, Guid CadreId, int Year, string Rating, IReadOnlyList<string> Findings, Guid? DepartureAuditId,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AuditResultResponse From(AuditRecord a) => new(a.Id, a.ProcedureId, a.UnitId, a.CadreId, a.Year, a.Rating, a.Findings,
        a.DepartureAuditId, a.RecordedBy, a.RecordedAt);
}

/// <param name="Id">The commendation's id.</param>
/// <param name="CadreId">The commended leader.</param>
/// <param name="UnitId">The leader's unit.</param>
/// <param name="AuditId">The excellent audit result the commendation follows from (A5).</param>
/// <param name="Year">The year of the audit.</param>
/// <param name="Grounds">Why the leader is commended, in words.</param>
/// <param name="RecordedAt">When the commendation was recorded (UTC instant).</param>
public sealed record CommendationResponse(Guid Id, Guid CadreId, Guid UnitId, Guid AuditId, int Year, string Grounds, DateTimeOffset RecordedAt)
{
    public static CommendationResponse From(Commendation c) => new(c.Id, c.CadreId, c.UnitId, c.AuditId, c.Year, c.Grounds, c.RecordedAt);
}

internal static class ResultEndpoints
{
    public static void MapResults(this RouteGroupBuilder audit)
    {
        var group = audit.MapGroup("/");

        group.MapPost("/results", async Task<Created<AuditResultResponse>> (RecordAuditResultRequest request, AuditResults results, CommandPipeline pipeline,
                AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var audit = await pipeline.ExecuteAsync(db, new RecordAuditResult(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.UnitId,
                    request.CadreId, request.Year, request.Rating, request.Findings ?? [], request.DepartureAuditId), http.User.ActorId(),
                    results.RecordAsync, ct);
                return TypedResults.Created($"/api/audit/results/{audit.Id}", AuditResultResponse.From(audit));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a completed audit: findings open a disposition case, an excellent result is commended (A5).");

        group.MapGet("/results/{id:guid}", async Task<Results<Ok<AuditResultResponse>, ProblemHttpResult>> ([Description("The audit result's id.")] Guid id, AuditDbContext db, HttpContext http,
                CancellationToken ct) =>
            await db.Audits.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.TenantId == http.User.TenantId(), ct)
                is { } audit
                ? TypedResults.Ok(AuditResultResponse.From(audit))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such audit."))
            .WithSummary("One recorded audit of the caller's county.");

        group.MapGet("/commendations", async ([Description("Only the commendations of this leader.")] Guid? cadreId, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Commendations.AsNoTracking().Where(c => c.TenantId == tenant);
                if (cadreId is { } cadre) query = query.Where(c => c.CadreId == cadre);
                return TypedResults.Ok((await query.OrderBy(c => c.RecordedAt).Take(1000).ToListAsync(ct)).Select(CommendationResponse.From).ToList());
            })
            .WithSummary("Leaders commended for an excellent audit (A5).");
    }
}
