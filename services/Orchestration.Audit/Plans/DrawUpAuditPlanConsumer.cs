using MassTransit;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Plans;

/// <summary>The audit cycle's yearly step; answers with <see cref="AuditPlanDrawnUp"/>.</summary>
public sealed class DrawUpAuditPlanConsumer(AuditDbContext db, AuditPlans plans) : InboxConsumer<DrawUpAuditPlan, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<DrawUpAuditPlan> context, CancellationToken cancellationToken) =>
        plans.DrawUpAsync(context.Message, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}
