using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Findings;

public sealed record RecordAuditResultRequest(
    Guid UnitId, Guid CadreId, int Year, AuditRating Rating, IReadOnlyList<string>? Findings = null, Guid? DepartureAuditId = null, Guid? ProcedureId = null);

internal sealed class RecordAuditResultRequestValidator : AbstractValidator<RecordAuditResultRequest>
{
    public RecordAuditResultRequestValidator()
    {
        RuleFor(r => r.UnitId).NotEmpty();
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Year).InclusiveBetween(2000, 2200);
        RuleForEach(r => r.Findings).NotEmpty().MaximumLength(1000);
        RuleFor(r => r.Findings).NotEmpty().When(r => r.Rating == AuditRating.Deficient).WithErrorCode("A5")
            .WithMessage("A deficient result names its findings.");
        RuleFor(r => r.Findings).Empty().When(r => r.Rating != AuditRating.Deficient).WithErrorCode("A5")
            .WithMessage("A result with findings is deficient.");
    }
}

internal static class ResultEndpoints
{
    public static void MapResults(this RouteGroupBuilder audit)
    {
        var group = audit.MapGroup("/");

        group.MapPost("/results", async (RecordAuditResultRequest request, AuditResults results, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var audit = await results.RecordAsync(new RecordAuditResult(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.UnitId,
                    request.CadreId, request.Year, request.Rating, request.Findings ?? [], request.DepartureAuditId), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/audit/results/{audit.Id}", audit);
            })
            .WithValidation<RecordAuditResultRequest>()
            .WithSummary("Records a completed audit: findings open a disposition case, an excellent result is commended (A5).");

        group.MapGet("/results/{id:guid}", async (Guid id, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Audits.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.TenantId == http.User.TenantId(), ct)
                is { } audit ? Results.Ok(audit) : Results.Problem(statusCode: 404, title: "No such audit."));

        group.MapGet("/commendations", async (Guid? cadreId, AuditDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Commendations.AsNoTracking().Where(c => c.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(c => c.CadreId == cadre);
            return await query.OrderBy(c => c.RecordedAt).Take(1000).ToListAsync(ct);
        });
    }
}
