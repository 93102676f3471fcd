namespace Orchestration.Nomination.Motions;

/// <summary>
/// A party committee's term (届): the frame of the per-term quotas of N2 and the number of leadership posts (职数) they are
/// measured against.
/// </summary>
public sealed class CommitteeTerm
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>E.g. "第十五届".</summary>
    public required string Name { get; set; }

    /// <summary>The leadership posts (领导职数) of the term; at most half of them may be adjusted within it (N2).</summary>
    public int LeadershipPosts { get; set; }

    public DateOnly StartsOn { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Bumped by every approved adjustment, so two approvals racing for the term's last quota cannot both succeed.</summary>
    public int Version { get; set; }
}
