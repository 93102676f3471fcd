using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestration.Audit.Data;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Audit.Departures;

/// <summary>
/// A4 on <c>/health/operations</c>: Degraded while a departing leader's handover is past its deadline (限时离任交接), so an operator
/// follows it up; the pods stay in service.
/// </summary>
public sealed class HandoverDeadlineCheck(AuditDbContext db, CountyClock clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var today = clock.Today();
        var overdue = await db.DepartureAudits.AsNoTracking().CountAsync(d => d.HandedOverOn == null && d.Status != DepartureAuditStatus.Cleared
            && d.HandoverDeadline < today, cancellationToken);
        return overdue == 0
            ? HealthCheckResult.Healthy("No handover is past its deadline.")
            : HealthCheckResult.Degraded($"{overdue} departing leader(s) past the handover deadline (A4): see /api/audit/departures/overdue-handovers.");
    }
}
