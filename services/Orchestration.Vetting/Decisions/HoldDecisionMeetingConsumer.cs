using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

/// <summary>
/// A workflow's decision step; answers with <see cref="DecisionMeetingHeld"/>. A meeting V6 or V7 refuses decided nothing: the
/// answer is Deferred with the rule and reason, so the procedure holds the meeting again once it is in order.
/// </summary>
public sealed class HoldDecisionMeetingConsumer(VettingDbContext db, DecisionMeetings decisions) : CommandConsumer<HoldDecisionMeeting>(db)
{
    protected override Task Apply(HoldDecisionMeeting command, string recordedBy, CancellationToken cancellationToken) =>
        decisions.Hold(command, recordedBy, cancellationToken);

    protected override object Refused(HoldDecisionMeeting command, string? ruleId, string reason) =>
        new DecisionMeetingHeld(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, DecisionOutcomes.Deferred, ruleId, reason,
            [.. command.Voters]);
}

/// <summary>A workflow's reconsideration request; answers with <see cref="ReconsiderationDecided"/>.</summary>
public sealed class ReconsiderDecisionConsumer(VettingDbContext db, DecisionMeetings decisions) : CommandConsumer<ReconsiderDecision>(db)
{
    protected override Task Apply(ReconsiderDecision command, string recordedBy, CancellationToken cancellationToken) =>
        decisions.Reconsider(command, recordedBy, cancellationToken);

    protected override object Refused(ReconsiderDecision command, string? ruleId, string reason) =>
        new ReconsiderationDecided(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, command.MeetingId, Outcomes.Failed, ruleId, reason);
}
