using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Nomination;

/// <summary>N3: who may put a cadre forward.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NominatorKind>))]
public enum NominatorKind
{
    /// <summary>A party organization, collectively (党组织集体提名); its principal leader answers for it.</summary>
    [Choice("党组织集体提名")]
    PartyOrganization,

    /// <summary>A unit's leadership team (领导班子).</summary>
    [Choice("领导班子")]
    LeadershipTeam,

    /// <summary>An individual leader, who files the registration form (推荐干部登记表).</summary>
    [Choice("领导干部个人")]
    IndividualLeader,

    /// <summary>A participant of the democratic recommendation in a general election (换届民主推荐的参加人).</summary>
    [Choice("换届民主推荐参加人")]
    ElectionParticipant,
}

/// <summary>The nominator's relationship with the nominee, as declared on the registration form (N3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NomineeRelationship>))]
public enum NomineeRelationship
{
    [Choice("无关系")]
    Unrelated,
    [Choice("同事")]
    Colleague,
    [Choice("下属")]
    Subordinate,

    /// <summary>A relative who is neither spouse, child nor direct relative (e.g. a sibling); N3 allows it, V7 pre-files it.</summary>
    [Choice("其他亲属")]
    CollateralRelative,

    /// <summary>Refused by N3.</summary>
    [Choice("配偶")]
    Spouse,

    /// <summary>Refused by N3.</summary>
    [Choice("子女")]
    Child,

    /// <summary>Parents, grandparents, grandchildren (直系亲属); refused by N3.</summary>
    [Choice("直系亲属")]
    DirectRelative,

    /// <summary>The leader's own office staff (身边工作人员); refused by N3.</summary>
    [Choice("身边工作人员")]
    OwnOfficeStaff,
}

/// <summary>
/// Puts a cadre forward (初始提名). Refused when the nominator may not nominate them (N3), when they have an integrity or
/// reputation disqualifier (N8), within the cool-off after failing inspection or the decision meeting (N6), or when they are
/// not in the reserve pool and no reason is stated (N4), and while a disposition measure bars the move (D6): a demoted cadre is not
/// promoted, a removed one takes no post above the former level, within two years of the decision.
/// </summary>
/// <param name="Promotion">The proposed post is above the nominee's present level (提拔); a transfer at the same level is not.</param>
/// <param name="AboveFormerLevel">The proposed post is above the level the nominee held before a removal (D6); defaults to <paramref name="Promotion"/>.</param>
[DomainActivity("Nominate", "初始提名",
    Rule = "N3", Description = "Records who nominates whom (accountability); refuses relatives and office staff, disqualified cadres and those in cool-off.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record Nominate(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("提名主体", "Nominator kind", "谁提名：党组织集体、领导班子、领导干部个人或换届民主推荐参加人（N3）。")]
    NominatorKind NominatorKind,
    [property: ActivityInput("提名人", "Nominator", "提名的组织或领导干部，对提名负责（C2、N3）。")]
    string NominatorId,
    [property: ActivityInput("与被提名人的关系", "Declared relationship", "《推荐干部登记表》申报的关系；配偶、子女、直系亲属和身边工作人员不得提名（N3），其他亲属须报备（V7）。")]
    NomineeRelationship? DeclaredRelationship = null,
    [property: ActivityInput("推荐理由", "Recommendation statement", "提名人写明的推荐理由（N3）。", Multiline = true)]
    string? RecommendationStatement = null,
    [property: ActivityInput("拟任职务", "Proposed post", "拟任的职务，如“县财政局副局长”。")]
    string? ProposedPost = null,
    [property: ActivityInput("所依动议", "Motion", "提名所依据的已通过动议（N1）。", WhenEmpty = "不关联动议")]
    Guid? MotionId = null,
    [property: ActivityInput("后备库外提名理由", "Outside-pool reason", "被提名人不在后备干部库时须说明的理由（N4）。", Multiline = true)]
    string? OutsidePoolReason = null,
    [property: ActivityInput("提拔", "Promotion", "拟任职务高于现职级（提拔）；同级交流不勾选（D6）。")]
    bool Promotion = true,
    [property: ActivityInput("高于免职前职级", "Above former level", "拟任职务高于免职前的职级；免职两年内不得（D6）。", WhenEmpty = "同“提拔”")]
    bool? AboveFormerLevel = null) : IDomainCommand<NominationAccepted>, ICadreMessage;

/// <summary>Passed with the nomination's id (and whether the nominee came from the reserve pool), or Failed with the rule.</summary>
/// <param name="DeclaredRelationship">The nominator's relationship with the nominee as declared (N3); a relative N3 allows makes the
/// candidacy a pre-filing case of V7.</param>
public sealed record NominationAccepted(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid? NominationId,
    bool FromReservePool,
    string Outcome,
    string? RuleId,
    string? Reason,
    string? Nominator = null,
    string? ProposedPost = null,
    NomineeRelationship? DeclaredRelationship = null) : IDomainResult, ICadreMessage;

/// <summary>Where a nominee failed, starting the cool-off of N6.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NominationFailureStage>))]
public enum NominationFailureStage
{
    /// <summary>The inspection found them not fit for promotion (经考察不符合提拔条件).</summary>
    [Choice("考察未通过")]
    Inspection,

    /// <summary>The decision meeting did not approve them (讨论决定中未获通过).</summary>
    [Choice("讨论决定未通过")]
    DecisionMeeting,
}

/// <summary>Records that a nominee failed inspection or the decision meeting; they cannot be nominated again for a year (N6).</summary>
[DomainActivity("Record nomination failure", "记录考察或决定未通过",
    Rule = "N6", Description = "Starts the one-year cool-off during which the cadre cannot be nominated again.")]
public sealed record RecordNominationFailure(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("未通过环节", "Stage", "在考察还是讨论决定中未通过；一年内不得再次提名（N6）。")]
    NominationFailureStage Stage,
    [property: ActivityInput("未通过原因", "Reason", "未通过的原因，记入全程纪实（C1）。", Multiline = true)]
    string? Reason = null) : IDomainCommand<NominationFailureRecorded>, ICadreMessage;

public sealed record NominationFailureRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid FailureId,
    DateTimeOffset CoolOffEndsAt,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;

/// <summary>N8: what keeps a cadre from being nominated at all.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DisqualifierKind>))]
public enum DisqualifierKind
{
    /// <summary>Problems of integrity or conduct (德方面存在问题).</summary>
    [Choice("德方面存在问题")]
    IntegrityProblem,

    /// <summary>A poor reputation among cadres and the public (形象口碑差).</summary>
    [Choice("形象口碑差")]
    PoorReputation,
}

/// <summary>Records an integrity problem or poor reputation (from a verified report, discipline commission, assessment); N8.</summary>
[DomainActivity("Record disqualifier", "记录德行或口碑问题",
    Rule = "N8", Description = "A cadre with an integrity problem or a poor reputation is not nominated at all until the record is lifted.")]
public sealed record RecordDisqualifier(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("问题类型", "Kind", "德方面存在问题，或形象口碑差；不得提名（N8）。")]
    DisqualifierKind Kind,
    [property: ActivityInput("问题来源", "Source", "查实的举报、纪委通报、考核评议等来源（N8）。")]
    string Source,
    [property: ActivityInput("具体情况", "Details", "问题的具体情况。", Multiline = true)]
    string? Details = null) : IDomainCommand<DisqualifierRecorded>, ICadreMessage;

public sealed record DisqualifierRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid DisqualifierId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
