using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Recommendations;

/// <summary>A counted democratic recommendation round for one nominee (part of the full-process record, C1).</summary>
public sealed class RecommendationRound
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public int MeetingVotesFor { get; set; }

    public int MeetingBallotsCast { get; set; }

    public int? ConversationsFor { get; set; }

    public int? ConversationsHeld { get; set; }

    public decimal MeetingShare { get; set; }

    public decimal? ConversationShare { get; set; }

    /// <summary>The channels counted (N7), the meeting ballot among them as mass recommendation; empty when none were given.</summary>
    public List<ChannelResult> Channels { get; set; } = [];

    /// <summary>N7: the channels combined by their weights; null when no channels were counted.</summary>
    public decimal? WeightedScore { get; set; }

    public bool Passed { get; set; }

    public string? RuleId { get; set; }

    public string? Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
