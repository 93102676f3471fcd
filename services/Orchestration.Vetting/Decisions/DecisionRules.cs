using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.Decisions;

public sealed record DecisionVerdict(string Outcome, string? RuleId, string? Reason);

/// <summary>
/// V6 — no appointment business when fewer than two thirds of the standing committee attend; the secretary may defer a
/// contested decision; otherwise the appointment is decided by vote and needs more than half of all members (not only of
/// those present), as the cadre-selection regulations count it.
/// </summary>
public static class DecisionRules
{
    public static DecisionVerdict Decide(int membersTotal, int membersPresent, int votesFor, bool deferredBySecretary)
    {
        if (membersPresent * 3 < membersTotal * 2)
            return new(DecisionOutcomes.QuorumMissing, "V6",
                $"{membersPresent} of {membersTotal} members present: fewer than two thirds; the meeting must be held again.");
        if (deferredBySecretary)
            return new(DecisionOutcomes.Deferred, "V6", "The secretary deferred the contested decision (暂缓).");
        return votesFor * 2 > membersTotal
            ? new(DecisionOutcomes.Approved, null, null)
            : new(DecisionOutcomes.Rejected, "V6", $"{votesFor} of {membersTotal} members voted for: not more than half of the committee.");
    }
}
