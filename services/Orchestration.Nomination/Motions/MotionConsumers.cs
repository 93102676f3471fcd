using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Nomination.Motions;

/// <summary>A procedure raises a motion; answers <see cref="MotionRaised"/> Passed, or Failed with the rule (N1, N2).</summary>
public sealed class RaiseMotionConsumer(NominationDbContext db, MotionRegistry motions) : CommandConsumer<RaiseMotion, NominationDbContext>(db)
{
    protected override string StepRule => "N1";

    protected override Task Apply(RaiseMotion command, string actor, CancellationToken cancellationToken) => motions.Raise(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RaiseMotion command, CommandRefusal refusal) =>
        (new MotionRaised(command.ProcedureId, command.TenantId, null, Outcomes.Failed, refusal.RuleId, refusal.Reason), null);
}

/// <summary>A procedure records the standing committee's approval; answers <see cref="MotionApproved"/> Passed, or Failed (N2).</summary>
public sealed class ApproveMotionConsumer(NominationDbContext db, MotionRegistry motions) : CommandConsumer<ApproveMotion, NominationDbContext>(db)
{
    protected override string StepRule => "N2";

    protected override Task Apply(ApproveMotion command, string actor, CancellationToken cancellationToken) => motions.Approve(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ApproveMotion command, CommandRefusal refusal) =>
        (new MotionApproved(command.ProcedureId, command.TenantId, command.MotionId, null, Outcomes.Failed, refusal.RuleId, refusal.Reason), null);
}
