using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Audit.Data;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Findings;

/// <summary>
/// An audit's closing step; answers with <see cref="AuditResultRecorded"/> (and reports findings, A5), Failed for a result that does not
/// fit its findings (A5), an unknown unit, or a departure audit already recorded or of another leader (A4).
/// </summary>
public sealed class RecordAuditResultConsumer(AuditDbContext db, AuditResults results) : CommandConsumer<RecordAuditResult, AuditDbContext>(db)
{
    protected override string StepRule => "A5";

    protected override Task Apply(RecordAuditResult command, string actor, CancellationToken cancellationToken) =>
        results.RecordAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordAuditResult command, CommandRefusal refusal) =>
        (new AuditResultRecorded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, command.UnitId, Outcomes.Failed, refusal.RuleId,
            refusal.Reason), command.CadreId.ToString());
}
