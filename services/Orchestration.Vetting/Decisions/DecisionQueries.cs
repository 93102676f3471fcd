using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

/// <summary>Where a cadre stands after the decision meetings, as later steps (V4 round 2, V8, appointment) ask it.</summary>
public static class DecisionQueries
{
    /// <summary>The cadre's latest meeting that decided (approved or rejected); quorum failures and deferrals decide nothing.</summary>
    /// <summary>
    /// The cadre's latest decision (approved or rejected): in <paramref name="procedureId"/> when one is named (a decision of an earlier
    /// procedure is not this candidacy's), else the latest of all.
    /// </summary>
    public static Task<DecisionMeeting?> LatestDecision(this VettingDbContext db, string tenantId, Guid cadreId, CancellationToken ct,
        Guid procedureId = default) =>
        db.DecisionMeetings.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.CadreId == cadreId && (procedureId == Guid.Empty || m.ProcedureId == procedureId)
                        && (m.Outcome == DecisionOutcomes.Approved || m.Outcome == DecisionOutcomes.Rejected))
            .OrderByDescending(m => m.RecordedAt).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(ct);

    public static async Task<bool> IsApproved(this VettingDbContext db, string tenantId, Guid cadreId, CancellationToken ct, Guid procedureId = default) =>
        (await db.LatestDecision(tenantId, cadreId, ct, procedureId))?.Outcome == DecisionOutcomes.Approved;
}
