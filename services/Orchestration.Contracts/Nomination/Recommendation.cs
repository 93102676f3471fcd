namespace Orchestration.Contracts.Nomination;

/// <summary>
/// Counts a democratic recommendation round (民主推荐) for one nominee and decides whether they may become an
/// inspection candidate (rule N5).
/// </summary>
[DomainActivity("Conclude democratic recommendation", "民主推荐计票",
    Description = "Counts the meeting ballots and conversation recommendations; below 50% (or not both over half) the nominee cannot be inspected.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record ConcludeRecommendationRound(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    int MeetingVotesFor,
    int MeetingBallotsCast,
    int? ConversationsFor = null,
    int? ConversationsHeld = null) : IDomainCommand<RecommendationRoundConcluded>, ICadreMessage;

/// <summary>The counted round; <see cref="Outcome"/> is Passed or Failed, with rule N5 when it failed.</summary>
public sealed record RecommendationRoundConcluded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid RoundId,
    decimal MeetingShare,
    decimal? ConversationShare,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
