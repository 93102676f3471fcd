using MassTransit;
using Orchestration.Audit.Data;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Regrading;

/// <summary>
/// The audit cycle's start-of-year step; answers with <see cref="AuditUnitBudgetAdjusted"/>, Failed with the reason when refused, so
/// the procedure goes on with the year's other budgets instead of waiting.
/// </summary>
public sealed class AdjustAuditUnitBudgetConsumer(AuditDbContext db, Regradings regradings) : InboxConsumer<AdjustAuditUnitBudget, AuditDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<AdjustAuditUnitBudget> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await regradings.AdjustBudgetAsync(command, cancellationToken);
        }
        catch (Exception ex) when (ex is RuleViolationException or NotFoundException)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new AuditUnitBudgetAdjusted(command.ProcedureId, command.TenantId, command.UnitId, null, Outcomes.Failed,
                (ex as RuleViolationException)?.RuleId ?? "A3", ex.Message), command.UnitId.ToString());
        }
    }
}

/// <summary>A new project or special fund; answers with <see cref="SpecialFundRecorded"/>.</summary>
public sealed class RecordSpecialFundConsumer(AuditDbContext db, Regradings regradings) : InboxConsumer<RecordSpecialFund, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RecordSpecialFund> context, CancellationToken cancellationToken) =>
        regradings.RecordSpecialFundAsync(context.Message, cancellationToken);
}
