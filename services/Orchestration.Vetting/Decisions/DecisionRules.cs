using Orchestration.ServiceDefaults.Commands;
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

    /// <summary>
    /// V6 — how the meeting was run: the secretary must not state a position before the others (县委书记不得提前表态), so in
    /// the speaking order the secretary comes last; a principal post of a township or county department is decided by the
    /// full committee in a secret ballot of all members (全委会无记名投票表决). Names compare trimmed and NFC-normalized.
    /// </summary>
    public static Refusal? CheckConduct(IReadOnlyList<string>? speakingOrder, string? secretary, DecisionBody body, bool principalPost, bool secretBallot)
    {
        if (speakingOrder is { Count: > 0 } && !string.IsNullOrWhiteSpace(secretary))
        {
            var secretaryAt = speakingOrder.ToList().FindIndex(s => MemberNames.Equal(s, secretary));
            if (secretaryAt >= 0 && secretaryAt < speakingOrder.Count - 1)
                return new("speakingOrder", "V6",
                    $"The secretary spoke as number {secretaryAt + 1} of {speakingOrder.Count}: the secretary must not state a position before the others.");
        }
        if (principalPost && body != DecisionBody.FullCommittee)
            return new("body", "V6", "A principal post of a township or county department is decided by the full committee (全委会), not the standing committee.");
        if (principalPost && !secretBallot)
            return new("secretBallot", "V6", "A principal post is decided in a secret ballot of all full-committee members.");
        return null;
    }

    /// <summary>
    /// V6 — a reconsideration (复议) of a decided appointment needs 「一半以上常委同意」 (seed 002): half of the whole standing
    /// committee or more, since 以上 includes the number. 5 of 10 is enough, 4 of 10 is not.
    /// </summary>
    public static DecisionVerdict Reconsider(int membersTotal, int consenting) =>
        consenting * 2 >= membersTotal
            ? new(Contracts.Outcomes.Passed, null, null)
            : new(Contracts.Outcomes.Failed, "V6", $"{consenting} of {membersTotal} members consented: a reconsideration needs half of the committee or more (一半以上).");
}
