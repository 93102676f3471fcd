using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Audit.Data;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Plans;

/// <summary>The audit cycle's yearly step; answers with <see cref="AuditPlanDrawnUp"/>, Failed (A2) for a year or sample size the plan cannot take.</summary>
public sealed class DrawUpAuditPlanConsumer(AuditDbContext db, AuditPlans plans) : CommandConsumer<DrawUpAuditPlan, AuditDbContext>(db)
{
    protected override string StepRule => "A2";

    protected override Task Apply(DrawUpAuditPlan command, string actor, CancellationToken cancellationToken) =>
        plans.DrawUpAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(DrawUpAuditPlan command, CommandRefusal refusal) =>
        (new AuditPlanDrawnUp(command.ProcedureId, command.TenantId, Guid.Empty, command.Year, [], Outcomes.Failed, refusal.RuleId, refusal.Reason),
            AuditPlans.PartitionKey(command.TenantId));
}
