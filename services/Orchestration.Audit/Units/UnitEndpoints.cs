using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Units;

/// <summary>A unit to grade; checked by the validator of <see cref="GradeAuditUnit"/>, as on the bus.</summary>
/// <param name="Name">The unit's name.</param>
/// <param name="AnnualBudget">The unit's annual budget in CNY, which sets its base tier (A1: 5 million or more, 3–5 million, 3 million or less).</param>
/// <param name="Factors">The supplementary factors that raise or set the tier (A1).</param>
/// <param name="UnitId">The unit's id when re-grading a known unit; a new unit when left out.</param>
/// <param name="LeaderCadreId">The unit's principal leader, whose tenure counts for the audits (A2).</param>
/// <param name="LeaderTenureStart">The county date the leader's tenure started (A2: tier 3 audited when a tenure reaches 5 years).</param>
public sealed record GradeUnitRequest(
    string Name, decimal AnnualBudget, AuditFactors? Factors = null, Guid? UnitId = null, Guid? LeaderCadreId = null, DateOnly? LeaderTenureStart = null);

/// <param name="Id">The unit's id.</param>
/// <param name="Name">The unit's name.</param>
/// <param name="AnnualBudget">The unit's annual budget in CNY.</param>
/// <param name="Factors">The supplementary factors of the grading (A1).</param>
/// <param name="Tier">The unit's tier now (1, 2 or 3; a special fund may raise it, A3).</param>
/// <param name="BaseTier">The tier from the last grading, which a clean audit after a special fund restores (A3).</param>
/// <param name="Reason">Why the unit has its tier, in words (A1, A3).</param>
/// <param name="GradedAt">When the unit was last graded (UTC instant).</param>
/// <param name="FullyGradedYear">The year of the last full grading (A3: every 5 years).</param>
/// <param name="TierSinceYear">The year the unit has had its tier since (A2 coverage windows count from it).</param>
/// <param name="LastAuditedYear">The year of the unit's last audit; empty if never audited.</param>
/// <param name="LeaderCadreId">The unit's principal leader.</param>
/// <param name="LeaderTenureStart">The county date the leader's tenure started.</param>
public sealed record UnitResponse(
    Guid Id, string Name, decimal AnnualBudget, AuditFactors Factors, int Tier, int BaseTier, string Reason, DateTimeOffset GradedAt, int FullyGradedYear,
    int TierSinceYear, int? LastAuditedYear, Guid? LeaderCadreId, DateOnly? LeaderTenureStart)
{
    public static UnitResponse From(AuditUnit u) => new(u.Id, u.Name, u.AnnualBudget, u.Factors, u.Tier, u.BaseTier, u.Reason, u.GradedAt,
        u.FullyGradedYear, u.TierSinceYear, u.LastAuditedYear, u.LeaderCadreId, u.LeaderTenureStart);
}

internal static class UnitEndpoints
{
    /// <summary>The request calls the unit's name <c>name</c>; the command, shared with the bus, <c>UnitName</c>.</summary>
    static readonly Dictionary<string, string> RequestFields = new(StringComparer.OrdinalIgnoreCase) { ["UnitName"] = "name" };

    public static void MapUnits(this RouteGroupBuilder audit)
    {
        var units = audit.MapGroup("/units");

        units.MapPost("/", async Task<Ok<UnitResponse>> (GradeUnitRequest request, UnitGrading grading, CommandPipeline pipeline, AuditDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var unit = await pipeline.ExecuteAsync(db, new GradeAuditUnit(Guid.Empty, http.User.TenantId(), request.UnitId ?? Guid.CreateVersion7(),
                    request.Name, request.AnnualBudget, request.Factors ?? new AuditFactors(), request.LeaderCadreId, request.LeaderTenureStart),
                    http.User.ActorId(), (command, _, token) => grading.GradeAsync(command, token), ct, fields: RequestFields);
                return TypedResults.Ok(UnitResponse.From(unit));
            })
            .ProducesValidationProblem()
            .WithSummary("Grades (or re-grades) a unit into tier 1, 2 or 3 by rule A1.");

        units.MapGet("/{id:guid}", async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> ([Description("The unit's id.")] Guid id, AuditDbContext db, HttpContext http,
                CancellationToken ct) =>
            await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.TenantId == http.User.TenantId(), ct)
                is { } unit ? TypedResults.Ok(UnitResponse.From(unit)) : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such unit."))
            .WithSummary("One unit of the caller's county with its tier and why.");

        units.MapGet("/", async ([Description("Only the units of this tier (1, 2 or 3).")] int? tier, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Units.AsNoTracking().Where(u => u.TenantId == tenant);
                if (tier is { } t) query = query.Where(u => u.Tier == t);
                return TypedResults.Ok((await query.OrderBy(u => u.Name).Take(1000).ToListAsync(ct)).Select(UnitResponse.From).ToList());
            })
            .WithSummary("The county's units, by tier.");
    }
}
