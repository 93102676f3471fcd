using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

/// <summary>
/// A workflow's decision step; answers with <see cref="DecisionMeetingHeld"/>. A meeting V6 or V7 refuses decided nothing: the
/// answer is Deferred with the rule and reason, so the procedure holds the meeting again once it is in order.
/// </summary>
public sealed class HoldDecisionMeetingConsumer(VettingDbContext db, DecisionMeetings decisions) : CommandConsumer<HoldDecisionMeeting, VettingDbContext>(db)
{
    protected override string StepRule => "V6";

    protected override Task Apply(HoldDecisionMeeting command, string recordedBy, CancellationToken cancellationToken) =>
        decisions.Hold(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(HoldDecisionMeeting command, CommandRefusal refusal) =>
        (new DecisionMeetingHeld(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, DecisionOutcomes.Deferred, refusal.RuleId, refusal.Reason,
            [.. command.Voters ?? []]), command.CadreId.ToString());
}

/// <summary>A workflow's reconsideration request; answers with <see cref="ReconsiderationDecided"/>.</summary>
public sealed class ReconsiderDecisionConsumer(VettingDbContext db, DecisionMeetings decisions) : CommandConsumer<ReconsiderDecision, VettingDbContext>(db)
{
    protected override string StepRule => "V6";

    protected override Task Apply(ReconsiderDecision command, string recordedBy, CancellationToken cancellationToken) =>
        decisions.Reconsider(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ReconsiderDecision command, CommandRefusal refusal) =>
        (new ReconsiderationDecided(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, command.MeetingId, Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}
