using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Units;

/// <summary>A unit to grade; checked by the validator of <see cref="GradeAuditUnit"/>, as on the bus.</summary>
public sealed record GradeUnitRequest(
    string Name, decimal AnnualBudget, AuditFactors? Factors = null, Guid? UnitId = null, Guid? LeaderCadreId = null, DateOnly? LeaderTenureStart = null);

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

        units.MapGet("/{id:guid}", async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> (Guid id, AuditDbContext db, HttpContext http,
                CancellationToken ct) =>
            await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.TenantId == http.User.TenantId(), ct)
                is { } unit ? TypedResults.Ok(UnitResponse.From(unit)) : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such unit."))
            .WithSummary("One unit of the caller's county with its tier and why.");

        units.MapGet("/", async (int? tier, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Units.AsNoTracking().Where(u => u.TenantId == tenant);
                if (tier is { } t) query = query.Where(u => u.Tier == t);
                return TypedResults.Ok((await query.OrderBy(u => u.Name).Take(1000).ToListAsync(ct)).Select(UnitResponse.From).ToList());
            })
            .WithSummary("The county's units, by tier.");
    }
}
