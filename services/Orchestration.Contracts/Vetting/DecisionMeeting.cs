using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Vetting;

/// <summary>
/// The standing committee decides on one candidate (讨论决定, rule V6): quorum of two thirds, the vote by majority of the
/// whole committee, or a deferral by the secretary. Every voter is named for the accountability record (C2).
/// <see cref="SpeakingOrder"/> lists members in the order they stated a position: the secretary must not speak before the others.
/// A principal post of a township or county department is decided by the full committee in a secret ballot. A candidate
/// in one of the <see cref="PreFilingCase"/>s needs the superior organization department's recorded approval first (V7).
/// A meeting these rules refuse decides nothing and is not recorded: the workflow hears <see cref="DecisionOutcomes.Deferred"/>
/// with the refusing rule (V6 or V7) and the reason, and holds the meeting again once it is in order.
/// <see cref="Ballots"/> say how each member present voted (C2: seed 002 exempts those who opposed or abstained from responsibility
/// for a wrong appointment); they are required unless the ballot is secret, where only <see cref="Voters"/> (who took part) is recorded.
/// </summary>
[DomainActivity("Hold decision meeting", "常委会讨论决定",
    Rule = "V6", Description = "Checks the two-thirds quorum, counts the vote (more than half of all members) or records the secretary's deferral; " +
                  "refuses a meeting where the secretary spoke first, a principal post without the full committee's secret ballot (V6) " +
                  "or a case needing pre-filing without the superior's approval (V7): those answer Deferred with the rule.",
    Outcomes = [DecisionOutcomes.Approved, DecisionOutcomes.Rejected, DecisionOutcomes.QuorumMissing, DecisionOutcomes.Deferred])]
public sealed record HoldDecisionMeeting(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("常委总数", "Members total", "常委会应到人数；到会须达三分之二，赞成须超过应到人数的半数（V6）。")]
    int MembersTotal,
    [property: ActivityInput("到会人数", "Members present", "实到常委人数；不足三分之二不得讨论任免（V6）。")]
    int MembersPresent,
    [property: ActivityInput("赞成票", "Votes for", "赞成票数；超过应到常委半数为通过（V6）。")]
    int VotesFor,
    [property: ActivityInput("反对票", "Votes against", "反对票数（V6）。")]
    int VotesAgainst,
    [property: ActivityInput("参加表决人员", "Voters", "参加表决的常委姓名（JSON 字符串数组），记入责任追溯（C2）。")]
    string[] Voters,
    [property: ActivityInput("书记暂缓表决", "Deferred by secretary", "书记对有争议的人选决定暂缓表决（V6）。")]
    bool DeferredBySecretary = false,
    [property: ActivityInput("发表意见顺序", "Speaking order", "常委发表意见的先后（JSON 字符串数组）；书记不得先表态（V6）。")]
    string[]? SpeakingOrder = null,
    [property: ActivityInput("书记", "Secretary", "主持会议的书记姓名，用于检查发言顺序（V6）。")]
    string? Secretary = null,
    [property: ActivityInput("表决机构", "Body", "常委会，或乡镇、县直部门正职由全委会无记名投票（V6）。")]
    DecisionBody Body = DecisionBody.StandingCommittee,
    [property: ActivityInput("正职岗位", "Principal post", "乡镇或县直部门正职：须全委会无记名投票表决（V6）。")]
    bool PrincipalPost = false,
    [property: ActivityInput("无记名投票", "Secret ballot", "无记名投票：只记录参加人，不记录各人投票（V6、C2）。")]
    bool SecretBallot = false,
    [property: ActivityInput("报备情形", "Pre-filing cases", "属于 V7 须报上级审核的情形（JSON 数组）；未获批准则暂缓（V7）。")]
    PreFilingCase[]? PreFilingCases = null,
    [property: ActivityInput("逐人表决情况", "Ballots", "每位常委的表态（JSON：member、vote）；记名表决时必填，反对或弃权者免责（C2）。")]
    Ballot[]? Ballots = null,
    [property: ActivityInput("现任与拟任职级", "Promotion", "现任职级、任现职起始日和拟任职级（JSON）；据此判断是否破格，破格须报上级审核（V7）。")]
    Promotion? Promotion = null) : IDomainCommand<DecisionMeetingHeld>, ICadreMessage;

/// <summary>The ranks of leadership posts a county decides on (职务层次).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CadreRank>))]
public enum CadreRank
{
    /// <summary>乡科级副职</summary>
    SectionDeputy,

    /// <summary>乡科级正职</summary>
    SectionChief,

    /// <summary>县处级副职</summary>
    DivisionDeputy,

    /// <summary>县处级正职</summary>
    DivisionChief,
}

/// <summary>
/// V7 — the promotion the meeting decides (现任 → 拟任): from which rank, held since when, to which rank. From it and the cadre's file
/// the service finds whether the promotion is exceptional (破格), which needs the superior's review, whether declared or not.
/// </summary>
/// <param name="FromRank">The rank the cadre holds now (现任).</param>
/// <param name="InRankSince">The county date the cadre has held that rank since; with the file it shows whether the promotion is exceptional (破格, V7).</param>
/// <param name="ToRank">The rank the cadre is promoted to (拟任).</param>
public sealed record Promotion(CadreRank FromRank, DateOnly InRankSince, CadreRank ToRank);

/// <summary>How one member voted at an open ballot (C2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BallotVote>))]
public enum BallotVote
{
    For,
    Against,
    Abstain,
}

/// <summary>One member's vote, named (C2); a secret ballot records none.</summary>
/// <param name="Member">The standing-committee member who voted (C2).</param>
/// <param name="Vote">How the member voted: For, Against or Abstain.</param>
public sealed record Ballot(string Member, BallotVote Vote);

/// <param name="HeldOn">The county date of the meeting; the nomination service counts the year's decision sessions by it (N2).</param>
public sealed record DecisionMeetingHeld(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid MeetingId,
    string Outcome,
    string? RuleId,
    string? Reason,
    string[] Voters,
    Ballot[]? Ballots = null,
    DateOnly? HeldOn = null) : IDomainResult, ICadreMessage;

public static class DecisionOutcomes
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string QuorumMissing = "QuorumMissing";
    /// <summary>Deferred by the secretary (暂缓), or not decided because V6 or V7 refused how the meeting was held (see RuleId, Reason).</summary>
    public const string Deferred = "Deferred";
}

/// <summary>Who votes: the standing committee (常委会), or all members of the full committee (全委会) for principal posts.</summary>
public enum DecisionBody
{
    [Choice("常委会")]
    StandingCommittee,
    [Choice("全委会")]
    FullCommittee,
}

/// <summary>
/// V6 — a decided appointment is taken up again (复议) only with the consent of half of the standing committee or more (「一半以上常委同意」:
/// 5 of 10 is enough). Without <see cref="MeetingId"/> the cadre's latest decided meeting is meant; without a procedure, the reconsideration
/// belongs to the procedure of the decision it takes up.
/// </summary>
[DomainActivity("Reconsider decision", "复议",
    Rule = "V6", Description = "Allows a new vote on a decided candidate when half of the whole standing committee or more consents (一半以上, V6).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record ReconsiderDecision(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("常委总数", "Members total", "常委会应到人数；复议须一半以上常委同意（V6）。")]
    int MembersTotal,
    [property: ActivityInput("同意复议的常委", "Consenting members", "同意复议的常委姓名（JSON 字符串数组，V6）。")]
    string[] Consenting,
    [property: ActivityInput("所复议的会议", "Meeting", "要复议的讨论决定会议（V6）。", WhenEmpty = "该干部最近一次作出决定的会议")]
    Guid MeetingId = default) : IDomainCommand<ReconsiderationDecided>, ICadreMessage;

public sealed record ReconsiderationDecided(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid ReconsiderationId,
    Guid MeetingId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
