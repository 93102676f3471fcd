using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Regrading;

public sealed record AdjustBudgetRequest(int Year, decimal AnnualBudget);

public sealed record RecordSpecialFundRequest(int Year, decimal Amount, string Project);

public sealed record CompleteProjectRequest(int Year);

public sealed record RegradingDue(Guid UnitId, string UnitName, int FullyGradedYear);

internal sealed class AdjustBudgetValidator : AbstractValidator<AdjustBudgetRequest>
{
    public AdjustBudgetValidator()
    {
        RuleFor(r => r.Year).InclusiveBetween(2000, 2200);
        RuleFor(r => r.AnnualBudget).GreaterThanOrEqualTo(0).WithErrorCode("A3").WithMessage("An annual budget cannot be negative.");
    }
}

internal sealed class RecordSpecialFundValidator : AbstractValidator<RecordSpecialFundRequest>
{
    public RecordSpecialFundValidator()
    {
        RuleFor(r => r.Year).InclusiveBetween(2000, 2200);
        RuleFor(r => r.Amount).GreaterThan(0).WithErrorCode("A3").WithMessage("A special fund has a positive amount.");
        RuleFor(r => r.Project).NotEmpty().MaximumLength(200);
    }
}

internal sealed class CompleteProjectValidator : AbstractValidator<CompleteProjectRequest>
{
    public CompleteProjectValidator() => RuleFor(r => r.Year).InclusiveBetween(2000, 2200);
}

internal static class RegradingEndpoints
{
    public static void MapRegrading(this RouteGroupBuilder audit)
    {
        var group = audit.MapGroup("/");

        group.MapPost("/units/{id:guid}/budget-adjustments", async (Guid id, AdjustBudgetRequest request, Regradings regradings, AuditDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var unit = await regradings.AdjustBudgetAsync(new AdjustAuditUnitBudget(Guid.Empty, http.User.TenantId(), id, request.Year, request.AnnualBudget), ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(unit);
            })
            .WithValidation<AdjustBudgetRequest>()
            .WithSummary("The start-of-year adjustment of a unit's tier from its new budget (A3).");

        group.MapPost("/units/{id:guid}/special-funds", async (Guid id, RecordSpecialFundRequest request, Regradings regradings, AuditDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var fund = await regradings.RecordSpecialFundAsync(new RecordSpecialFund(Guid.Empty, http.User.TenantId(), id, request.Year, request.Amount,
                    request.Project), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/audit/special-funds/{fund.Id}", fund);
            })
            .WithValidation<RecordSpecialFundRequest>()
            .WithSummary("Re-grades a unit at once for a new project or special fund (A3: 10 million / 100 million CNY).");

        group.MapPost("/special-funds/{id:guid}/completion", async (Guid id, CompleteProjectRequest request, Regradings regradings, AuditDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var fund = await regradings.CompleteProjectAsync(http.User.TenantId(), id, request.Year, ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(fund);
            })
            .WithValidation<CompleteProjectRequest>()
            .WithSummary("The fund's project is complete: its audit falls due; a clean one restores the unit's tier (A3).");

        group.MapGet("/special-funds", async (Guid? unitId, AuditDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.SpecialFunds.AsNoTracking().Where(f => f.TenantId == tenant);
            if (unitId is { } unit) query = query.Where(f => f.UnitId == unit);
            return await query.OrderBy(f => f.RecordedAt).Take(1000).ToListAsync(ct);
        });

        group.MapGet("/regrading/{year:int}", async (int year, AuditDbContext db, IOptions<AuditOptions> options, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var units = await db.Units.AsNoTracking().Where(u => u.TenantId == tenant).OrderBy(u => u.Name).ToListAsync(ct);
                return units.Where(u => RegradingRules.FullRegradingDue(u.FullyGradedYear, year, options.Value))
                    .Select(u => new RegradingDue(u.Id, u.Name, u.FullyGradedYear)).ToList();
            })
            .WithSummary("The units due for their five-yearly full re-grading in the year (A3).");
    }
}
