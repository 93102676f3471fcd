using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Departures;

/// <summary>
/// A4 — a sitting leader appointed to a post (the vetting service's <see cref="CadreAppointed"/>, Passed) leaves the unit they lead: the
/// departure audit of each such unit is requested (先审后离), their powers frozen and the handover deadline set. Requested outside any
/// procedure, so <see cref="DepartureAuditRequested"/> starts the departure procedure; a move already under way is left as it is.
/// </summary>
public sealed class LeaderAppointedConsumer(AuditDbContext db, DepartureAudits departures) : InboxConsumer<CadreAppointed, AuditDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<CadreAppointed> context, CancellationToken cancellationToken)
    {
        var appointed = context.Message;
        if (appointed.Outcome != Outcomes.Passed) return;
        var units = await Db.Units.Where(u => u.TenantId == appointed.TenantId && u.LeaderCadreId == appointed.CadreId).Select(u => u.Id)
            .ToListAsync(cancellationToken);
        foreach (var unitId in units)
        {
            var underWay = await Db.DepartureAudits.AnyAsync(d => d.TenantId == appointed.TenantId && d.CadreId == appointed.CadreId && d.UnitId == unitId
                && d.Status != DepartureAuditStatus.Cleared, cancellationToken);
            if (!underWay)
                await departures.RequestAsync(new RequestDepartureAudit(Guid.Empty, appointed.TenantId, appointed.CadreId, unitId), cancellationToken);
        }
    }
}
