using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

/// <summary>Where a cadre stands after the decision meetings, as later steps (V4 round 2, V8, appointment) ask it.</summary>
public static class DecisionQueries
{
    /// <summary>The cadre's latest meeting that decided (approved or rejected); quorum failures and deferrals decide nothing.</summary>
    public static Task<DecisionMeeting?> LatestDecision(this VettingDbContext db, string tenantId, Guid cadreId, CancellationToken ct) =>
        db.DecisionMeetings.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.CadreId == cadreId
                        && (m.Outcome == DecisionOutcomes.Approved || m.Outcome == DecisionOutcomes.Rejected))
            .OrderByDescending(m => m.RecordedAt).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(ct);

    public static async Task<bool> IsApproved(this VettingDbContext db, string tenantId, Guid cadreId, CancellationToken ct) =>
        (await db.LatestDecision(tenantId, cadreId, ct))?.Outcome == DecisionOutcomes.Approved;
}
