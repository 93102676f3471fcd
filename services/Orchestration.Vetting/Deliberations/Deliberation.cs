using Orchestration.ServiceDefaults.Commands;
using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.Deliberations;

/// <summary>The four heads' opinions on a candidate before the decision meeting, and whether the candidate goes on (V5).</summary>
public sealed class Deliberation
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public List<DeliberationOpinion> Opinions { get; set; } = [];

    public bool Submitted { get; set; }

    public string? RuleId { get; set; }

    public string? Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class DeliberationOpinion
{
    public DeliberationHead Head { get; set; }

    public DeliberationStance Stance { get; set; }

    public string? Note { get; set; }
}

public sealed record DeliberationVerdict(bool Submitted, string? RuleId, string? Reason);

/// <summary>
/// V5 — the candidate is discussed with the heads of government, people's congress, CPPCC and discipline commission before
/// the decision meeting. Any explicit disagreement keeps the candidate from the standing committee; so do widely diverging
/// opinions, which we count as reservations from at least <c>DeliberationDivergingReservations</c> heads (default 2 of 4).
/// </summary>
public static class DeliberationRules
{
    public static Refusal? CheckHeard(IReadOnlyCollection<HeadOpinion> opinions)
    {
        var missing = Enum.GetValues<DeliberationHead>().Where(h => opinions.All(o => o.Head != h)).ToList();
        if (missing.Count > 0)
            return new("opinions", "V5", $"All four heads are consulted before the decision meeting; not heard: {string.Join(", ", missing)}.");
        if (opinions.Count != 4)
            return new("opinions", "V5", "Each head gives one opinion.");
        return null;
    }

    public static DeliberationVerdict Evaluate(IReadOnlyCollection<HeadOpinion> opinions, int divergingReservations)
    {
        var disagreeing = opinions.Where(o => o.Stance == DeliberationStance.Disagrees).Select(o => o.Head).ToList();
        if (disagreeing.Count > 0)
            return new(false, "V5", $"Explicit disagreement by {string.Join(", ", disagreeing)}: not submitted to the standing committee.");
        var reserved = opinions.Where(o => o.Stance == DeliberationStance.HasReservations).Select(o => o.Head).ToList();
        if (reserved.Count >= divergingReservations)
            return new(false, "V5",
                $"Opinions diverge widely: {reserved.Count} of 4 heads have reservations ({string.Join(", ", reserved)}); not submitted to the standing committee.");
        return new(true, null, null);
    }
}
