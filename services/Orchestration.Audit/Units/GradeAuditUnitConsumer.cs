using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Audit.Data;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Units;

/// <summary>A workflow's grading step (the yearly re-grading, say); answers with <see cref="AuditUnitGraded"/>, Failed (A1) for an invalid unit or budget.</summary>
public sealed class GradeAuditUnitConsumer(AuditDbContext db, UnitGrading grading) : CommandConsumer<GradeAuditUnit, AuditDbContext>(db)
{
    protected override string StepRule => "A1";

    protected override Task Apply(GradeAuditUnit command, string actor, CancellationToken cancellationToken) => grading.GradeAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(GradeAuditUnit command, CommandRefusal refusal) =>
        (new AuditUnitGraded(command.ProcedureId, command.TenantId, command.UnitId, null, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.UnitId.ToString());
}
