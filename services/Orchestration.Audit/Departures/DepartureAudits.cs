using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Departures;

/// <summary>Opens departure audits and clears leaders to leave (A4); the caller saves.</summary>
public sealed class DepartureAudits(AuditDbContext db, IOptions<AuditOptions> options, TimeProvider time)
{
    /// <summary>Freezes the leader's powers and sets the handover deadline; a request while one is pending returns that one.</summary>
    public async Task<DepartureAudit> RequestAsync(RequestDepartureAudit command, CancellationToken cancellationToken)
    {
        if (!await db.Units.AnyAsync(u => u.Id == command.UnitId && u.TenantId == command.TenantId, cancellationToken))
            throw new RuleViolationException("unitId", "A4", "A departure audit is of a known unit.");
        var pending = await db.DepartureAudits.SingleOrDefaultAsync(d => d.TenantId == command.TenantId && d.CadreId == command.CadreId
            && d.UnitId == command.UnitId && d.Status == DepartureAuditStatus.Pending, cancellationToken);
        if (pending is not null) return pending;

        var now = time.GetUtcNow();
        var departure = new DepartureAudit
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            UnitId = command.UnitId,
            Status = DepartureAuditStatus.Pending,
            PowersFrozen = true,
            HandoverDeadline = DepartureRules.HandoverDeadline(DateOnly.FromDateTime(now.UtcDateTime), options.Value),
            RequestedAt = now,
        };
        db.DepartureAudits.Add(departure);
        return departure;
    }

    /// <summary>Clears the leader to leave once the audit is recorded; refused by A4 before. Announces either answer.</summary>
    public async Task<(DepartureAudit Departure, ClearanceVerdict Verdict)> ClearAsync(ClearLeaderDeparture command, CancellationToken cancellationToken)
    {
        var departure = await db.DepartureAudits.SingleOrDefaultAsync(d => d.Id == command.DepartureAuditId && d.TenantId == command.TenantId
                                                                        && d.CadreId == command.CadreId, cancellationToken)
                        ?? throw new NotFoundException("No such departure audit for that leader.");
        var verdict = DepartureRules.Clearance(departure.Status);
        if (verdict.Cleared && departure.Status == DepartureAuditStatus.Completed)
        {
            departure.Status = DepartureAuditStatus.Cleared;
            departure.PowersFrozen = false;
            departure.ClearedAt = time.GetUtcNow();
        }

        db.PublishViaOutbox(new LeaderDepartureCleared(command.ProcedureId, departure.TenantId, departure.CadreId, departure.Id,
            verdict.Cleared ? DepartureOutcomes.Cleared : DepartureOutcomes.Refused, verdict.RuleId, verdict.Reason), departure.CadreId.ToString());
        return (departure, verdict);
    }
}
