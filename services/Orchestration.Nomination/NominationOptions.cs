using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination;

/// <summary>Local practice the seeds quote as numbers (section <c>Nomination</c>); defaults are the seeds' values.</summary>
public sealed class NominationOptions
{
    public const string Section = "Nomination";

    /// <summary>N5: the share of recommendation below which a nominee cannot become an inspection candidate.</summary>
    public decimal RecommendationThreshold { get; set; } = 0.5m;

    /// <summary>N2: batch adjustments of cadres allowed per committee term (一届内批量调整不得超过2次).</summary>
    public int BatchAdjustmentsPerTerm { get; set; } = 2;

    /// <summary>N2: decision sessions on some appointments allowed per calendar year (每年不得超过5次).</summary>
    public int DecisionSessionsPerYear { get; set; } = 5;

    /// <summary>N2: share of the term's leadership posts (职数) that may be adjusted within the term; exactly this share is allowed.</summary>
    public decimal AdjustedShareOfPostsPerTerm { get; set; } = 0.5m;

    /// <summary>N2: promotions one adjustment may make without the superior department's prior approval (超过30人须请示同意).</summary>
    public int PromotionsWithoutSuperiorApproval { get; set; } = 30;

    /// <summary>N2: the department every adjustment is filed with (报备).</summary>
    public string SuperiorDepartment { get; set; } = "上级党委组织部";

    /// <summary>
    /// N6: years a nominee who failed inspection or the decision meeting waits before being nominated again (一年内不得再次推荐).
    /// Counted on county dates to the anniversary of the failure's county date (see <see cref="Nominations.CoolOff"/>).
    /// </summary>
    public int CoolOffYears { get; set; } = 1;

    /// <summary>N7: how much each recommendation channel counts in the combined score.</summary>
    public ChannelWeights ChannelWeights { get; set; } = new();
}

/// <summary>
/// N7 — weights of the recommendation channels (按权重量化推荐结果). The seed gives none, so the defaults are reasoned:
/// mass recommendation is "the first source" of candidates (seed 001: 大范围民主推荐作为第一来源) and weighs most, 0.30;
/// district leaders and full-committee members know the cadres' work, 0.25; the organization's own recommendation, 0.20;
/// individual leaders (one voice each, answerable for it) and the joint recommendation of deputies and committee members
/// (an outside view), 0.10 each; self-recommendation shows willingness, not standing, 0.05. They add up to 1.
/// A channel not held in a round drops out and the others are re-weighted, so a missing channel does not count as zero.
/// </summary>
public sealed class ChannelWeights
{
    public decimal MassRecommendation { get; set; } = 0.30m;

    public decimal LeadersAndCommitteeMembers { get; set; } = 0.25m;

    public decimal Organization { get; set; } = 0.20m;

    public decimal IndividualLeaders { get; set; } = 0.10m;

    public decimal DeputiesAndCommitteeMembers { get; set; } = 0.10m;

    public decimal SelfRecommendation { get; set; } = 0.05m;

    public decimal Of(RecommendationChannel channel) => channel switch
    {
        RecommendationChannel.MassRecommendation => MassRecommendation,
        RecommendationChannel.LeadersAndCommitteeMembers => LeadersAndCommitteeMembers,
        RecommendationChannel.Organization => Organization,
        RecommendationChannel.IndividualLeaders => IndividualLeaders,
        RecommendationChannel.DeputiesAndCommitteeMembers => DeputiesAndCommitteeMembers,
        RecommendationChannel.SelfRecommendation => SelfRecommendation,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown recommendation channel."),
    };

    /// <summary>Weights are not negative and at least one counts.</summary>
    public bool AreValid => Enum.GetValues<RecommendationChannel>().All(c => Of(c) >= 0) && Enum.GetValues<RecommendationChannel>().Sum(Of) > 0;
}
