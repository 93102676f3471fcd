using MassTransit;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Departures;

/// <summary>A move's departure-audit step; <see cref="DepartureAuditCompleted"/> answers when the audit is recorded.</summary>
public sealed class RequestDepartureAuditConsumer(AuditDbContext db, DepartureAudits departures) : InboxConsumer<RequestDepartureAudit, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RequestDepartureAudit> context, CancellationToken cancellationToken) =>
        departures.RequestAsync(context.Message, cancellationToken);
}

/// <summary>A move's clearance step; answers with <see cref="LeaderDepartureCleared"/>, refused by A4 while the audit is open.</summary>
public sealed class ClearLeaderDepartureConsumer(AuditDbContext db, DepartureAudits departures) : InboxConsumer<ClearLeaderDeparture, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<ClearLeaderDeparture> context, CancellationToken cancellationToken) =>
        departures.ClearAsync(context.Message, cancellationToken);
}
