using MassTransit;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Regrading;

/// <summary>The audit cycle's start-of-year step; answers with <see cref="AuditUnitBudgetAdjusted"/>.</summary>
public sealed class AdjustAuditUnitBudgetConsumer(AuditDbContext db, Regradings regradings) : InboxConsumer<AdjustAuditUnitBudget, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<AdjustAuditUnitBudget> context, CancellationToken cancellationToken) =>
        regradings.AdjustBudgetAsync(context.Message, cancellationToken);
}

/// <summary>A new project or special fund; answers with <see cref="SpecialFundRecorded"/>.</summary>
public sealed class RecordSpecialFundConsumer(AuditDbContext db, Regradings regradings) : InboxConsumer<RecordSpecialFund, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RecordSpecialFund> context, CancellationToken cancellationToken) =>
        regradings.RecordSpecialFundAsync(context.Message, cancellationToken);
}
