using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Nomination;

/// <summary>N7: the channels through which recommendations arrive (多渠道推荐).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecommendationChannel>))]
public enum RecommendationChannel
{
    /// <summary>Mass recommendation by cadres and the public (干部群众集中推荐); the meeting ballot is this channel.</summary>
    MassRecommendation,

    /// <summary>District leaders and full-committee members (区级领导和区委全委会成员推荐).</summary>
    LeadersAndCommitteeMembers,

    /// <summary>The organization (组织推荐).</summary>
    Organization,

    /// <summary>Individual leaders at any time (领导干部个人随时推荐).</summary>
    IndividualLeaders,

    /// <summary>Joint recommendation by deputies and committee members (“两代表一委员”联名推荐).</summary>
    DeputiesAndCommitteeMembers,

    /// <summary>Self-recommendation (本人自荐).</summary>
    SelfRecommendation,
}

/// <summary>One channel's count: <see cref="For"/> of <see cref="Total"/> recommended the nominee (1 of 1 for a single yes).</summary>
/// <param name="Channel">The recommendation channel (N7), e.g. MassRecommendation (干部群众集中推荐) or Organization (组织推荐).</param>
/// <param name="For">How many in this channel recommended the nominee.</param>
/// <param name="Total">How many took part in this channel (the base of its share).</param>
public sealed record ChannelResult(RecommendationChannel Channel, int For, int Total);

/// <summary>
/// Counts a democratic recommendation round (民主推荐) for one nominee and decides whether they may become an
/// inspection candidate (rule N5). With <see cref="Channels"/> the round also combines the channels by their weights into
/// one score (rule N7); the meeting ballot stands for the mass-recommendation channel unless that channel is given.
/// </summary>
[DomainActivity("Conclude democratic recommendation", "民主推荐计票",
    Rule = "N5", Description = "Counts the meeting ballots and conversation recommendations; below 50% (or not both over half) the nominee cannot be inspected.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record ConcludeRecommendationRound(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("会议推荐得票", "Meeting votes for", "会议推荐中推荐该人选的票数（N5）。")]
    int MeetingVotesFor,
    [property: ActivityInput("会议推荐有效票", "Meeting ballots cast", "会议推荐的有效票总数；得票须达到 50%（N5）。")]
    int MeetingBallotsCast,
    [property: ActivityInput("谈话推荐人数", "Conversations for", "个别谈话推荐中推荐该人选的人数；与会议推荐须双过半（N5）。", WhenEmpty = "未进行谈话推荐")]
    int? ConversationsFor = null,
    [property: ActivityInput("谈话总人数", "Conversations held", "个别谈话推荐的总人数（N5）。", WhenEmpty = "未进行谈话推荐")]
    int? ConversationsHeld = null,
    [property: ActivityInput("多渠道推荐结果", "Channels", "各渠道的推荐数（JSON：channel、for、total），按权重合成得分（N7）。", WhenEmpty = "只计会议推荐")]
    ChannelResult[]? Channels = null) : IDomainCommand<RecommendationRoundConcluded>, ICadreMessage;

/// <summary>
/// The counted round; <see cref="Outcome"/> is Passed or Failed, with rule N5 when it failed. <see cref="WeightedScore"/> is the
/// N7 combination of the channels, when channels were counted.
/// </summary>
public sealed record RecommendationRoundConcluded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid RoundId,
    decimal MeetingShare,
    decimal? ConversationShare,
    string Outcome,
    string? RuleId,
    string? Reason,
    decimal? WeightedScore = null) : IDomainResult, ICadreMessage;
