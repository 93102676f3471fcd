using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Units;

public sealed record GradeUnitRequest(
    string Name, decimal AnnualBudget, AuditFactors? Factors = null, Guid? UnitId = null, Guid? LeaderCadreId = null, DateOnly? LeaderTenureStart = null);

internal sealed class GradeUnitValidator : AbstractValidator<GradeUnitRequest>
{
    public GradeUnitValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.AnnualBudget).GreaterThanOrEqualTo(0).WithErrorCode("A1").WithMessage("An annual budget cannot be negative.");
    }
}

internal static class UnitEndpoints
{
    public static void MapUnits(this RouteGroupBuilder audit)
    {
        var units = audit.MapGroup("/units");

        units.MapPost("/", async (GradeUnitRequest request, UnitGrading grading, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var unit = await grading.GradeAsync(new GradeAuditUnit(Guid.Empty, http.User.TenantId(), request.UnitId ?? Guid.CreateVersion7(),
                    request.Name, request.AnnualBudget, request.Factors ?? new AuditFactors(), request.LeaderCadreId, request.LeaderTenureStart), ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(unit);
            })
            .WithValidation<GradeUnitRequest>()
            .WithSummary("Grades (or re-grades) a unit into tier 1, 2 or 3 by rule A1.");

        units.MapGet("/{id:guid}", async (Guid id, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.TenantId == http.User.TenantId(), ct)
                is { } unit ? Results.Ok(unit) : Results.Problem(statusCode: 404, title: "No such unit."));

        units.MapGet("/", async (int? tier, AuditDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Units.AsNoTracking().Where(u => u.TenantId == tenant);
            if (tier is { } t) query = query.Where(u => u.Tier == t);
            return await query.OrderBy(u => u.Name).Take(1000).ToListAsync(ct);
        });
    }
}
