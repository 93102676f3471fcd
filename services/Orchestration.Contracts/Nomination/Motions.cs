using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Nomination;

/// <summary>N1: the only occasions on which a motion (动议) to adjust cadres may be raised.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MotionGround>))]
public enum MotionGround
{
    /// <summary>After the annual assessment, on its results and recommendations (年度考核结束后).</summary>
    [Choice("年度考核结束后")]
    AnnualAssessmentResults,

    /// <summary>On the organization department's proposal (根据组织部门的建议).</summary>
    [Choice("组织部门建议")]
    OrganizationDepartmentProposal,

    /// <summary>A leadership team or cadre has a prominent problem that must be solved now (班子和干部存在突出问题).</summary>
    [Choice("班子和干部存在突出问题")]
    LeadershipTeamProblem,

    /// <summary>A leadership post has fallen vacant (领导岗位出现空缺).</summary>
    [Choice("领导岗位出现空缺")]
    PostVacancy,

    /// <summary>
    /// Another ground: the four are what motions are "generally" (一般) raised on, so another is allowed with its reason stated
    /// (<c>OtherGroundReason</c>).
    /// </summary>
    [Choice("其他情形")]
    Other,
}

/// <summary>N2: which quota an adjustment counts against.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AdjustmentKind>))]
public enum AdjustmentKind
{
    /// <summary>A batch adjustment of cadres (批量调整): at most two per committee term.</summary>
    [Choice("批量调整")]
    Batch,

    /// <summary>A decision session on some appointments (讨论决定部分干部任免): at most five per calendar year.</summary>
    [Choice("讨论决定部分干部任免")]
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
    [property: ActivityInput("届次", "Committee term", "本届党委的编号；批量调整按届计数（N2）。")]
    Guid TermId,
    [property: ActivityInput("动议情形", "Ground", "提出动议的情形：年度考核后、组织部门建议、班子和干部突出问题、岗位空缺，或其他须说明理由（N1）。")]
    MotionGround Ground,
    [property: ActivityInput("调整类型", "Adjustment kind", "批量调整每届至多两次，讨论决定部分干部任免每年至多五次（N2）。")]
    AdjustmentKind Kind,
    [property: ActivityInput("调整方向", "Direction", "调整的方向；只讲方向、条件和要求，不得点名（N1）。", Multiline = true)]
    string Direction,
    [property: ActivityInput("人选条件", "Criteria", "人选应具备的条件；不得为特定人量身定制（N1）。", Multiline = true)]
    string Criteria,
    [property: ActivityInput("调整干部人数", "Cadres adjusted", "本次调整的干部人数；每届调整不超过领导职数的一半（N2）。")]
    int CadresAdjusted,
    [property: ActivityInput("提拔干部人数", "Cadres promoted", "本次提拔的干部人数；批量提拔超过 30 人须事先报上级组织部门同意（N2）。")]
    int CadresPromoted,
    [property: ActivityInput("工作要求", "Requirements", "对这次调整的工作要求（N1）。", Multiline = true)]
    string? Requirements = null,
    [property: ActivityInput("上级批复文号", "Superior approval reference", "批量提拔超过 30 人时上级组织部门同意的文号（N2）。")]
    string? SuperiorApprovalReference = null,
    [property: ActivityInput("点名干部", "Named cadre", "动议点名的干部；填写即被拒绝（N1）。")]
    Guid? NamedCadreId = null,
    [property: ActivityInput("因人设岗的职位", "Post for a person", "为特定人设置的职位；填写即被拒绝（N1）。")]
    string? PostForPerson = null,
    [property: ActivityInput("缩小选人范围", "Narrows selection range", "动议缩小了选人用人范围；勾选即被拒绝（N1）。")]
    bool NarrowsSelectionRange = false,
    [property: ActivityInput("其他情形的理由", "Other ground's reason", "动议情形为“其他”时须说明的理由（N1）。", Multiline = true)]
    string? OtherGroundReason = null,
    [property: ActivityInput("特殊情况", "Quota exception", "超出限额的特殊情况（JSON：reason、approvedBy、reference），须经县委书记批准（N2）。")]
    QuotaException? QuotaException = null,
    [property: ActivityInput("调整方案所列职位", "Posts", "调整的职位（JSON：unit、title），只列单位和职务，不列人；每个职位启动一个选任程序（N9）。")]
    MotionPost[]? Posts = null,
    [property: ActivityInput("超职数配备", "Over establishment", "超出核定职数配备时的理由和上级组织部门审核文号（JSON，N9、V7）。")]
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
    [property: ActivityInput("动议", "Motion", "常委会通过的动议编号（N2）。", WhenEmpty = "本程序提出的动议")]
    Guid? MotionId = null,
    [property: ActivityInput("常委会决定文号", "Decision reference", "常委会通过动议的会议纪要或文号，随报备材料存档（N2）。")]
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
