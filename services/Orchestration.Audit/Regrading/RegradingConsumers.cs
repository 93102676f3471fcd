using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Audit.Data;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Regrading;

/// <summary>
/// The audit cycle's start-of-year step; answers with <see cref="AuditUnitBudgetAdjusted"/>, Failed with the reason when refused, so
/// the procedure goes on with the year's other budgets instead of waiting.
/// </summary>
public sealed class AdjustAuditUnitBudgetConsumer(AuditDbContext db, Regradings regradings) : CommandConsumer<AdjustAuditUnitBudget, AuditDbContext>(db)
{
    protected override string StepRule => "A3";

    protected override Task Apply(AdjustAuditUnitBudget command, string actor, CancellationToken cancellationToken) => regradings.AdjustBudgetAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(AdjustAuditUnitBudget command, CommandRefusal refusal) =>
        (new AuditUnitBudgetAdjusted(command.ProcedureId, command.TenantId, command.UnitId, null, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.UnitId.ToString());
}

/// <summary>A new project or special fund; answers with <see cref="SpecialFundRecorded"/>, Failed (A3) for an unknown unit or a fund without an amount.</summary>
public sealed class RecordSpecialFundConsumer(AuditDbContext db, Regradings regradings) : CommandConsumer<RecordSpecialFund, AuditDbContext>(db)
{
    protected override string StepRule => "A3";

    protected override Task Apply(RecordSpecialFund command, string actor, CancellationToken cancellationToken) => regradings.RecordSpecialFundAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordSpecialFund command, CommandRefusal refusal) =>
        (new SpecialFundRecorded(command.ProcedureId, command.TenantId, command.UnitId, Guid.Empty, null, null, Outcomes.Failed, refusal.RuleId,
            refusal.Reason), command.UnitId.ToString());
}
