using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.Audit.Units;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Regrading;

/// <param name="Year">The year the adjustment applies from (start-of-year adjustment, A3).</param>
/// <param name="AnnualBudget">The unit's new annual budget in CNY (A1 bands: 5 million or more, 3–5 million, 3 million or less).</param>
public sealed record AdjustBudgetRequest(int Year, decimal AnnualBudget);

/// <param name="Year">The year the special fund or new project is recorded.</param>
/// <param name="Amount">The fund's amount in CNY (A3: 100 million or more → special tier; 10–100 million → one tier up; less → re-graded this year).</param>
/// <param name="Project">The project the fund is for.</param>
public sealed record RecordSpecialFundRequest(int Year, decimal Amount, string Project);

/// <param name="Year">The year the special-fund project was completed (A3: audited after completion, then the original tier returns).</param>
public sealed record CompleteProjectRequest(int Year);

/// <param name="UnitId">The unit's id.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="FullyGradedYear">The year the unit was last fully graded (A3: a full re-grading every 5 years).</param>
public sealed record RegradingDue(Guid UnitId, string UnitName, int FullyGradedYear);

/// <summary>A3: the fund's project is complete in a year; its audit falls due.</summary>
public sealed record CompleteSpecialFundProject(string TenantId, Guid FundId, int Year);

/// <param name="Id">The special fund's id.</param>
/// <param name="UnitId">The unit that manages the fund.</param>
/// <param name="Project">The project the fund is for.</param>
/// <param name="Amount">The fund's amount in CNY.</param>
/// <param name="Treatment">How A3 treats the fund: SpecialTier, OneTierUp or RegradedThisYear.</param>
/// <param name="RecordedYear">The year the fund was recorded.</param>
/// <param name="AuditFromYear">The first year the fund's audit may be planned (A3); empty until completion for a one-tier-up fund.</param>
/// <param name="AuditDueYear">The last year by which the fund must be audited (A3).</param>
/// <param name="CompletedYear">The year the project was completed; empty while it runs.</param>
/// <param name="Closed">The fund's audit is done and the unit's original tier restored (A3).</param>
/// <param name="RecordedAt">When the fund was recorded (UTC instant).</param>
public sealed record SpecialFundResponse(
    Guid Id, Guid UnitId, string Project, decimal Amount, string Treatment, int RecordedYear, int? AuditFromYear, int? AuditDueYear, int? CompletedYear,
    bool Closed, DateTimeOffset RecordedAt)
{
    public static SpecialFundResponse From(SpecialFund f) => new(f.Id, f.UnitId, f.Project, f.Amount, f.Treatment, f.RecordedYear, f.AuditFromYear,
        f.AuditDueYear, f.CompletedYear, f.Closed, f.RecordedAt);
}

/// <summary>A3: a budget adjustment is for a year the county keeps and the budget is not negative; over HTTP and the bus alike.</summary>
public sealed class AdjustAuditUnitBudgetValidator : AbstractValidator<AdjustAuditUnitBudget>
{
    public AdjustAuditUnitBudgetValidator()
    {
        RuleFor(c => c.UnitId).NotEmpty().WithErrorCode("A3");
        RuleFor(c => c.Year).InclusiveBetween(2000, 2200).WithErrorCode("A3");
        RuleFor(c => c.AnnualBudget).GreaterThanOrEqualTo(0).WithErrorCode("A3").WithMessage("An annual budget cannot be negative.");
    }
}

public sealed class CompleteSpecialFundProjectValidator : AbstractValidator<CompleteSpecialFundProject>
{
    public CompleteSpecialFundProjectValidator() => RuleFor(c => c.Year).InclusiveBetween(2000, 2200).WithErrorCode("A3");
}

internal static class RegradingEndpoints
{
    public static void MapRegrading(this RouteGroupBuilder audit)
    {
        var group = audit.MapGroup("/");

        group.MapPost("/units/{id:guid}/budget-adjustments", async Task<Ok<UnitResponse>> ([Description("The unit's id.")] Guid id, AdjustBudgetRequest request, Regradings regradings,
                CommandPipeline pipeline, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var unit = await pipeline.ExecuteAsync(db, new AdjustAuditUnitBudget(Guid.Empty, http.User.TenantId(), id, request.Year, request.AnnualBudget),
                    http.User.ActorId(), (command, _, token) => regradings.AdjustBudgetAsync(command, token), ct);
                return TypedResults.Ok(UnitResponse.From(unit));
            })
            .ProducesValidationProblem()
            .WithSummary("The start-of-year adjustment of a unit's tier from its new budget (A3).");

        group.MapPost("/units/{id:guid}/special-funds", async Task<Created<SpecialFundResponse>> ([Description("The unit's id.")] Guid id, RecordSpecialFundRequest request,
                Regradings regradings, CommandPipeline pipeline, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var fund = await pipeline.ExecuteAsync(db, new RecordSpecialFund(Guid.Empty, http.User.TenantId(), id, request.Year, request.Amount,
                    request.Project), http.User.ActorId(), (command, _, token) => regradings.RecordSpecialFundAsync(command, token), ct);
                return TypedResults.Created($"/api/audit/special-funds/{fund.Id}", SpecialFundResponse.From(fund));
            })
            .ProducesValidationProblem()
            .WithSummary("Re-grades a unit at once for a new project or special fund (A3: 10 million / 100 million CNY).");

        group.MapPost("/special-funds/{id:guid}/completion", async Task<Ok<SpecialFundResponse>> ([Description("The special fund's id.")] Guid id, CompleteProjectRequest request,
                Regradings regradings, CommandPipeline pipeline, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var fund = await pipeline.ExecuteAsync(db, new CompleteSpecialFundProject(http.User.TenantId(), id, request.Year), http.User.ActorId(),
                    (command, _, token) => regradings.CompleteProjectAsync(command.TenantId, command.FundId, command.Year, token), ct);
                return TypedResults.Ok(SpecialFundResponse.From(fund));
            })
            .ProducesValidationProblem()
            .WithSummary("The fund's project is complete: its audit falls due; a clean one restores the unit's tier (A3).");

        group.MapGet("/special-funds", async ([Description("Only the special funds of this unit.")] Guid? unitId, AuditDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.SpecialFunds.AsNoTracking().Where(f => f.TenantId == tenant);
            if (unitId is { } unit) query = query.Where(f => f.UnitId == unit);
            return TypedResults.Ok((await query.OrderBy(f => f.RecordedAt).Take(1000).ToListAsync(ct)).Select(SpecialFundResponse.From).ToList());
        })
        .WithSummary("The county's special funds and projects (A3).");

        group.MapGet("/regrading/{year:int}", async ([Description("The year whose re-grading is due (A3).")] int year, AuditDbContext db, IOptions<AuditOptions> options, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var units = await db.Units.AsNoTracking().Where(u => u.TenantId == tenant).OrderBy(u => u.Name).ToListAsync(ct);
                return TypedResults.Ok(units.Where(u => RegradingRules.FullRegradingDue(u.FullyGradedYear, year, options.Value))
                    .Select(u => new RegradingDue(u.Id, u.Name, u.FullyGradedYear)).ToList());
            })
            .WithSummary("The units due for their five-yearly full re-grading in the year (A3).");
    }
}
