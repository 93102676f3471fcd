using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Findings;

/// <summary>A completed audit as the department records it; checked by the validator of <see cref="RecordAuditResult"/>, as on the bus.</summary>
public sealed record RecordAuditResultRequest(
    Guid UnitId, Guid CadreId, int Year, AuditRating Rating, IReadOnlyList<string>? Findings = null, Guid? DepartureAuditId = null, Guid? ProcedureId = null);

public sealed record AuditResultResponse(
    Guid Id, Guid ProcedureId, Guid UnitId, Guid CadreId, int Year, string Rating, IReadOnlyList<string> Findings, Guid? DepartureAuditId,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AuditResultResponse From(AuditRecord a) => new(a.Id, a.ProcedureId, a.UnitId, a.CadreId, a.Year, a.Rating, a.Findings,
        a.DepartureAuditId, a.RecordedBy, a.RecordedAt);
}

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

        group.MapGet("/results/{id:guid}", async Task<Results<Ok<AuditResultResponse>, ProblemHttpResult>> (Guid id, AuditDbContext db, HttpContext http,
                CancellationToken ct) =>
            await db.Audits.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.TenantId == http.User.TenantId(), ct)
                is { } audit
                ? TypedResults.Ok(AuditResultResponse.From(audit))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such audit."))
            .WithSummary("One recorded audit of the caller's county.");

        group.MapGet("/commendations", async (Guid? cadreId, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Commendations.AsNoTracking().Where(c => c.TenantId == tenant);
                if (cadreId is { } cadre) query = query.Where(c => c.CadreId == cadre);
                return TypedResults.Ok((await query.OrderBy(c => c.RecordedAt).Take(1000).ToListAsync(ct)).Select(CommendationResponse.From).ToList());
            })
            .WithSummary("Leaders commended for an excellent audit (A5).");
    }
}
