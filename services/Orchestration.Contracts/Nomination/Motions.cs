using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Nomination;

/// <summary>N1: the only occasions on which a motion (动议) to adjust cadres may be raised.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MotionGround>))]
public enum MotionGround
{
    /// <summary>After the annual assessment, on its results and recommendations (年度考核结束后).</summary>
    AnnualAssessmentResults,

    /// <summary>On the organization department's proposal (根据组织部门的建议).</summary>
    OrganizationDepartmentProposal,

    /// <summary>A leadership team or cadre has a prominent problem that must be solved now (班子和干部存在突出问题).</summary>
    LeadershipTeamProblem,

    /// <summary>A leadership post has fallen vacant (领导岗位出现空缺).</summary>
    PostVacancy,

    /// <summary>
    /// Another ground: the four are what motions are "generally" (一般) raised on, so another is allowed with its reason stated
    /// (<c>OtherGroundReason</c>).
    /// </summary>
    Other,
}

/// <summary>N2: which quota an adjustment counts against.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AdjustmentKind>))]
public enum AdjustmentKind
{
    /// <summary>A batch adjustment of cadres (批量调整): at most two per committee term.</summary>
    Batch,

    /// <summary>A decision session on some appointments (讨论决定部分干部任免): at most five per calendar year.</summary>
    Partial,
}

/// <summary>
/// Raises a motion to adjust cadres. It states direction, criteria and requirements only (N1): the fields that would name a
/// person, earmark a post for someone or narrow the selection range exist so that such a motion is refused explicitly. The
/// term's quotas (N2) are checked against the adjustments already approved.
/// </summary>
[DomainActivity("Raise motion", "动议",
    Description = "One of the four grounds, direction and criteria but no person; within the term's and the year's quotas.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record RaiseMotion(
    Guid ProcedureId,
    string TenantId,
    Guid TermId,
    MotionGround Ground,
    AdjustmentKind Kind,
    string Direction,
    string Criteria,
    int CadresAdjusted,
    int CadresPromoted,
    string? Requirements = null,
    string? SuperiorApprovalReference = null,
    Guid? NamedCadreId = null,
    string? PostForPerson = null,
    bool NarrowsSelectionRange = false,
    string? OtherGroundReason = null,
    QuotaException? QuotaException = null,
    MotionPost[]? Posts = null,
    OverEstablishment? OverEstablishment = null) : IDomainCommand<MotionRaised>;

/// <summary>
/// N9 — a leadership post the adjustment fills (调整方案所列职位): the unit and the post's title, never a person. Each post counts
/// against the unit's approved leadership posts (编制职数), and an approved motion starts one appointment procedure per post.
/// </summary>
/// <param name="Unit">The unit as registered in the establishment ledger, e.g. "县财政局".</param>
/// <param name="Title">The post, e.g. "副局长".</param>
public sealed record MotionPost(string Unit, string Title);

/// <summary>
/// N9 — a post filled beyond the unit's approved posts (超职数配备). Seed 002: such a candidacy is reported to the superior
/// organization department for review before the decision (要报州党委组织部审核), so the review's reference is required.
/// </summary>
/// <param name="Reason">Why the unit needs the post beyond its establishment.</param>
/// <param name="SuperiorReviewReference">The superior department's review that allows it.</param>
public sealed record OverEstablishment(string Reason, string SuperiorReviewReference);

/// <summary>
/// N2 — 「如无特殊情况」: the quotas hold unless there is a special case, recorded with its reason and approved by the county Party
/// secretary. A motion carrying one may exceed a quota; the exception stays on the motion's record.
/// </summary>
/// <param name="Reason">The special case (特殊情况).</param>
/// <param name="ApprovedBy">The secretary who approved it.</param>
/// <param name="Reference">Where the approval is kept, e.g. the instruction's number.</param>
public sealed record QuotaException(string Reason, string ApprovedBy, string Reference);

/// <summary>Passed with the new motion's id, or Failed with the rule (N1, N2) that refused it; a refused motion is not stored.</summary>
public sealed record MotionRaised(
    Guid ProcedureId,
    string TenantId,
    Guid? MotionId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>
/// Records the standing committee's approval of a raised motion. The quotas (N2) are checked again against what was approved
/// meanwhile; an approved adjustment gets its filing record with the superior organization department (报备).
/// </summary>
[DomainActivity("Approve motion", "常委会通过动议",
    Description = "Checks the term's and the year's quotas again, approves the adjustment and opens its filing with the superior department.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record ApproveMotion(
    Guid ProcedureId,
    string TenantId,
    Guid? MotionId = null,
    string? DecisionReference = null) : IDomainCommand<MotionApproved>;

/// <summary>
/// Passed with the filing record's id, or Failed with the rule (N2) that refused the approval. A motion listing posts (N9) is
/// announced once per post, each starting (or, for the procedure that approved it, continuing) one appointment procedure; the
/// motion's id is the batch they share.
/// </summary>
/// <param name="PostToFill">The post this procedure fills; null for a motion that lists none.</param>
/// <param name="PostNumber">The post's place in the motion's list, from 1; 0 when the motion lists none.</param>
/// <param name="PostsInBatch">How many procedures the motion starts (its posts; 1 when it lists none).</param>
/// <param name="BatchId">The motion's id when it lists posts: the batch its procedures share (the workflow server's instance batch).</param>
public sealed record MotionApproved(
    Guid ProcedureId,
    string TenantId,
    Guid? MotionId,
    Guid? FilingId,
    string Outcome,
    string? RuleId,
    string? Reason,
    MotionPost? PostToFill = null,
    int PostNumber = 0,
    int PostsInBatch = 1,
    Guid? BatchId = null) : IDomainResult;
