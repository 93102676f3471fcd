using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

/// <summary>Records a decision meeting, applies V6 and announces the outcome, whether asked over HTTP or by a workflow.</summary>
public sealed class DecisionMeetings(VettingDbContext db, TimeProvider time)
{
    /// <summary>Adds the meeting and its result event to the unit of work; the caller saves.</summary>
    public DecisionMeeting Hold(HoldDecisionMeeting command, string recordedBy)
    {
        var verdict = DecisionRules.Decide(command.MembersTotal, command.MembersPresent, command.VotesFor, command.DeferredBySecretary);
        var meeting = new DecisionMeeting
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            MembersTotal = command.MembersTotal,
            MembersPresent = command.MembersPresent,
            VotesFor = command.VotesFor,
            VotesAgainst = command.VotesAgainst,
            DeferredBySecretary = command.DeferredBySecretary,
            Voters = [.. command.Voters],
            Outcome = verdict.Outcome,
            RuleId = verdict.RuleId,
            Reason = verdict.Reason,
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.DecisionMeetings.Add(meeting);
        db.PublishViaOutbox(new DecisionMeetingHeld(meeting.ProcedureId, meeting.TenantId, meeting.CadreId, meeting.Id,
            meeting.Outcome, meeting.RuleId, meeting.Reason, [.. meeting.Voters]), partitionKey: meeting.CadreId.ToString());
        return meeting;
    }
}
