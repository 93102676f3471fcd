using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Nomination;

/// <summary>N3: who may put a cadre forward.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NominatorKind>))]
public enum NominatorKind
{
    /// <summary>A party organization, collectively (党组织集体提名); its principal leader answers for it.</summary>
    PartyOrganization,

    /// <summary>A unit's leadership team (领导班子).</summary>
    LeadershipTeam,

    /// <summary>An individual leader, who files the registration form (推荐干部登记表).</summary>
    IndividualLeader,

    /// <summary>A participant of the democratic recommendation in a general election (换届民主推荐的参加人).</summary>
    ElectionParticipant,
}

/// <summary>The nominator's relationship with the nominee, as declared on the registration form (N3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NomineeRelationship>))]
public enum NomineeRelationship
{
    Unrelated,
    Colleague,
    Subordinate,

    /// <summary>A relative who is neither spouse, child nor direct relative (e.g. a sibling); N3 allows it, V7 pre-files it.</summary>
    CollateralRelative,

    /// <summary>Refused by N3.</summary>
    Spouse,

    /// <summary>Refused by N3.</summary>
    Child,

    /// <summary>Parents, grandparents, grandchildren (直系亲属); refused by N3.</summary>
    DirectRelative,

    /// <summary>The leader's own office staff (身边工作人员); refused by N3.</summary>
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
    Guid CadreId,
    NominatorKind NominatorKind,
    string NominatorId,
    NomineeRelationship? DeclaredRelationship = null,
    string? RecommendationStatement = null,
    string? ProposedPost = null,
    Guid? MotionId = null,
    string? OutsidePoolReason = null,
    bool Promotion = true,
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
    Inspection,

    /// <summary>The decision meeting did not approve them (讨论决定中未获通过).</summary>
    DecisionMeeting,
}

/// <summary>Records that a nominee failed inspection or the decision meeting; they cannot be nominated again for a year (N6).</summary>
[DomainActivity("Record nomination failure", "记录考察或决定未通过",
    Rule = "N6", Description = "Starts the one-year cool-off during which the cadre cannot be nominated again.")]
public sealed record RecordNominationFailure(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    NominationFailureStage Stage,
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
    IntegrityProblem,

    /// <summary>A poor reputation among cadres and the public (形象口碑差).</summary>
    PoorReputation,
}

/// <summary>Records an integrity problem or poor reputation (from a verified report, discipline commission, assessment); N8.</summary>
[DomainActivity("Record disqualifier", "记录德行或口碑问题",
    Rule = "N8", Description = "A cadre with an integrity problem or a poor reputation is not nominated at all until the record is lifted.")]
public sealed record RecordDisqualifier(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    DisqualifierKind Kind,
    string Source,
    string? Details = null) : IDomainCommand<DisqualifierRecorded>, ICadreMessage;

public sealed record DisqualifierRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid DisqualifierId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
