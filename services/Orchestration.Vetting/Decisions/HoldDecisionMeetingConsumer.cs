using MassTransit;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

/// <summary>A workflow's decision step; answers with <see cref="DecisionMeetingHeld"/>.</summary>
public sealed class HoldDecisionMeetingConsumer(VettingDbContext db, DecisionMeetings decisions)
    : InboxConsumer<HoldDecisionMeeting, VettingDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<HoldDecisionMeeting> context, CancellationToken cancellationToken)
    {
        decisions.Hold(context.Message, recordedBy: $"workflow:{context.Message.ProcedureId}");
        return Task.CompletedTask;
    }
}
