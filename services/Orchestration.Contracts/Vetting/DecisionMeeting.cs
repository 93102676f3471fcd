namespace Orchestration.Contracts.Vetting;

/// <summary>
/// The standing committee decides on one candidate (讨论决定, rule V6): quorum of two thirds, the vote by majority of the
/// whole committee, or a deferral by the secretary. Every voter is named for the accountability record (C2).
/// </summary>
[DomainActivity("Hold decision meeting", "常委会讨论决定",
    Description = "Checks the two-thirds quorum, counts the vote (more than half of all members) or records the secretary's deferral.",
    Outcomes = [DecisionOutcomes.Approved, DecisionOutcomes.Rejected, DecisionOutcomes.QuorumMissing, DecisionOutcomes.Deferred])]
public sealed record HoldDecisionMeeting(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    int MembersTotal,
    int MembersPresent,
    int VotesFor,
    int VotesAgainst,
    string[] Voters,
    bool DeferredBySecretary = false) : IDomainCommand<DecisionMeetingHeld>, ICadreMessage;

public sealed record DecisionMeetingHeld(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid MeetingId,
    string Outcome,
    string? RuleId,
    string? Reason,
    string[] Voters) : IDomainResult, ICadreMessage;

public static class DecisionOutcomes
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string QuorumMissing = "QuorumMissing";
    public const string Deferred = "Deferred";
}
