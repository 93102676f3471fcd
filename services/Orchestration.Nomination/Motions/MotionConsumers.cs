using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Nomination.Motions;

/// <summary>A workflow raises a motion; answers <see cref="MotionRaised"/> Passed, or Failed with the rule (N1, N2).</summary>
public sealed class RaiseMotionConsumer(NominationDbContext db, MotionRegistry motions) : InboxConsumer<RaiseMotion, NominationDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<RaiseMotion> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        if (await CommandRefusals.Capture(Db, () => motions.Raise(command, $"workflow:{command.ProcedureId}", cancellationToken)) is { } refused)
            Db.PublishViaOutbox(new MotionRaised(command.ProcedureId, command.TenantId, null, Outcomes.Failed, refused.RuleId, refused.Reason));
    }
}

/// <summary>A workflow records the standing committee's approval; answers <see cref="MotionApproved"/> Passed, or Failed (N2).</summary>
public sealed class ApproveMotionConsumer(NominationDbContext db, MotionRegistry motions) : InboxConsumer<ApproveMotion, NominationDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<ApproveMotion> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        if (await CommandRefusals.Capture(Db, () => motions.Approve(command, $"workflow:{command.ProcedureId}", cancellationToken)) is { } refused)
            Db.PublishViaOutbox(new MotionApproved(command.ProcedureId, command.TenantId, command.MotionId, null, Outcomes.Failed, refused.RuleId, refused.Reason));
    }
}
