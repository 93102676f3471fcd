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
    QuotaException? QuotaException = null) : IDomainCommand<MotionRaised>;

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

/// <summary>Passed with the filing record's id, or Failed with the rule (N2) that refused the approval.</summary>
public sealed record MotionApproved(
    Guid ProcedureId,
    string TenantId,
    Guid? MotionId,
    Guid? FilingId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;
