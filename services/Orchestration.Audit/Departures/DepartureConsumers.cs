using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Departures;

/// <summary>
/// A move's departure-audit step; <see cref="DepartureAuditCompleted"/> answers when the audit is recorded, or at once Refused (A4) for an
/// unknown unit or departure audit, one of another leader, or one another procedure follows.
/// </summary>
public sealed class RequestDepartureAuditConsumer(AuditDbContext db, DepartureAudits departures) : CommandConsumer<RequestDepartureAudit, AuditDbContext>(db)
{
    protected override string StepRule => "A4";

    protected override Task Apply(RequestDepartureAudit command, string actor, CancellationToken cancellationToken) => departures.RequestAsync(command, cancellationToken);

    // Refused, not Failed: Failed means the audit found problems, and the procedure would go on to clear the leader.
    protected override (object Result, string? PartitionKey)? Refused(RequestDepartureAudit command, CommandRefusal refusal) =>
        (new DepartureAuditCompleted(command.ProcedureId, command.TenantId, command.CadreId, command.DepartureAuditId ?? Guid.Empty, command.UnitId,
            Guid.Empty, DepartureOutcomes.Refused, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}

/// <summary>A move's clearance step; answers with <see cref="LeaderDepartureCleared"/>, Refused by A4 while the audit is open or when there is none.</summary>
public sealed class ClearLeaderDepartureConsumer(AuditDbContext db, DepartureAudits departures) : CommandConsumer<ClearLeaderDeparture, AuditDbContext>(db)
{
    protected override string StepRule => "A4";

    protected override Task Apply(ClearLeaderDeparture command, string actor, CancellationToken cancellationToken) => departures.ClearAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ClearLeaderDeparture command, CommandRefusal refusal) =>
        (new LeaderDepartureCleared(command.ProcedureId, command.TenantId, command.CadreId, command.DepartureAuditId, DepartureOutcomes.Refused,
            refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}
