using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Villages;

/// <summary>What a township clerk may act on in village pay (P2, P3): villages of their own township, and the township stages.</summary>
internal static class VillageScope
{
    /// <summary>The P3 stages the township decides; the county review, publicity, inspection and leading group stay with the county.</summary>
    public static readonly SelectionStage[] TownshipStages = [SelectionStage.TownshipReview, SelectionStage.EnlargedMeeting, SelectionStage.TownshipCommittee];

    /// <summary>A 403 when a township clerk names a village of another township; an unknown village is left to the 404 that follows.</summary>
    public static async Task<ProblemHttpResult?> OutsideTownshipOfVillage(Guid villageId, VillagePayDbContext db, HttpContext http, CancellationToken ct)
    {
        if (http.User.ActsForCounty()) return null;
        var tenant = http.User.TenantId();
        var township = await db.Villages.AsNoTracking().Where(v => v.Id == villageId && v.TenantId == tenant).Select(v => v.Township).SingleOrDefaultAsync(ct);
        return township is null ? null : http.User.OutsideTownship(township);
    }

    /// <summary>Refuses a command the caller may not give (see <see cref="CommandPipeline.ExecuteAsync"/>): the same 403 as the check's answer.</summary>
    public static void Enforce(ProblemHttpResult? refusal)
    {
        if (refusal is { ProblemDetails: var problem })
            throw new ScopeRefusedException(problem.Title ?? "Forbidden", problem.Detail ?? "", TownshipScope.Rule);
    }

    /// <inheritdoc cref="Enforce(ProblemHttpResult?)"/>
    public static async Task Enforce(Task<ProblemHttpResult?> refusal) => Enforce(await refusal);

    /// <summary>The 403 of <see cref="TownshipScope.RefuseOutside"/>, typed for an endpoint's declared results.</summary>
    public static ProblemHttpResult? OutsideTownship(this ClaimsPrincipal user, string? township) => Typed(user.RefuseOutside(township));

    static ProblemHttpResult? Typed(IResult? refusal) => refusal switch
    {
        null => null,
        ProblemHttpResult problem => problem,
        _ => throw new InvalidOperationException($"A township refusal is a problem answer, not {refusal.GetType().Name}."),
    };

    /// <summary>
    /// A township clerk records only a township stage, and only when every application still in the running is of their township:
    /// a stage decides on the whole pool, so one that spans townships is the county's to record.
    /// </summary>
    public static async Task<ProblemHttpResult?> OutsideTownshipStage(Guid roundId, SelectionStage stage, VillagePayDbContext db, HttpContext http, CancellationToken ct)
    {
        if (http.User.ActsForCounty()) return null;
        if (!TownshipStages.Contains(stage))
            return Typed(TownshipScope.Forbidden("A county stage",
                $"The {stage} stage is the county organization department's (P3): a township clerk records the township review, the enlarged meeting and the township committee only."));
        var tenant = http.User.TenantId();
        var round = await db.SelectionRounds.AsNoTracking().Include(r => r.Applications).SingleOrDefaultAsync(r => r.Id == roundId && r.TenantId == tenant, ct);
        if (round is null) return null;
        var others = round.Applications.Where(a => a.DroppedAt is null && a.ReachedStage == round.CompletedStage && !http.User.ActsFor(a.Township))
            .Select(a => a.Township).Distinct().ToList();
        return others.Count == 0
            ? http.User.OutsideTownship(http.User.TownshipOf())
            : Typed(TownshipScope.Forbidden("Outside your township",
                $"Applications of {string.Join(", ", others)} are still in the running: a stage spanning townships is recorded by the county organization department."));
    }
}
