namespace Orchestration.Contracts.Vetting;

/// <summary>
/// Which posts carry a probation (V9, seed 001: 「对于提拔担任区委、区人大、区政府、区政协工作部门的副职，区委、区政府工作部门管理的处级单位
/// 正副职还实行了试用期制度」): a promotion to one of these starts it; any other appointment is formal at once.
/// </summary>
public enum AppointmentPostKind
{
    /// <summary>Any other post: no probation.</summary>
    [Choice("其他职位")]
    Other,

    /// <summary>A deputy of a working department of the party committee, people's congress, government or CPPCC (工作部门副职).</summary>
    [Choice("工作部门副职")]
    WorkingDepartmentDeputy,

    /// <summary>The principal of a 处级 unit managed by a working department of the committee or government (处级单位正职).</summary>
    [Choice("处级单位正职")]
    DivisionUnitPrincipal,

    /// <summary>A deputy of such a unit (处级单位副职).</summary>
    [Choice("处级单位副职")]
    DivisionUnitDeputy,
}

/// <summary>
/// Appoints the decided candidate (任职). A promotion (<see cref="Promotion"/>, 提拔) to a post of a kind the seed names starts a
/// probation (V9, <see cref="AppointmentPostKind"/>) of the configured length; any other appointment is formal at once. Refused without
/// the committee's approval (V6), a passed integrity exam (V3), or with a confirmed report (C4), each of this procedure.
/// </summary>
[DomainActivity("Appoint cadre", "任职",
    Rule = "V9", Description = "Appoints the cadre; a promotion to a department deputy or a 处级 unit principal or deputy starts the probation (V9). Refused without the committee's approval (V6) or a passed integrity exam (V3), or with a confirmed report (C4), in this procedure.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record AppointCadre(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("任职职务", "Post", "正式任命的职务；为空则拒绝。")]
    string Post,
    [property: ActivityInput("职位类别", "Post kind", "提拔担任工作部门副职、处级单位正副职的实行试用期，其他职位直接正式任职（V9）。")]
    AppointmentPostKind PostKind = AppointmentPostKind.Other,
    [property: ActivityInput("提拔", "Promotion", "本次任职为提拔；只有提拔才实行试用期（V9）。")]
    bool Promotion = true,
    [property: ActivityInput("任职日期", "Appointed on", "任职的县域日期；试用期从此日起算（V9）。", WhenEmpty = "县域当天（中国标准时间）")]
    DateOnly? AppointedOn = null) : IDomainCommand<CadreAppointed>, ICadreMessage;

public sealed record CadreAppointed(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid AppointmentId,
    string Outcome,
    string? RuleId,
    string? Reason,
    DateOnly? ProbationEndsOn) : IDomainResult, ICadreMessage;

public static class ProbationOutcomes
{
    /// <summary>Approved at expiry: the appointment becomes formal (正式任职).</summary>
    public const string Confirmed = "Confirmed";

    /// <summary>Not approved: back to the original unit, the trial post's rank and benefits revoked.</summary>
    public const string Reverted = "Reverted";

    /// <summary>The probation has not expired yet: review again at its end.</summary>
    public const string NotDue = "NotDue";
}

/// <summary>
/// V9 — at the end of the probation the democratic evaluation and assessment decide: approved → formal appointment; not
/// approved → reverted. Without <see cref="AppointmentId"/> the cadre's appointment on probation is meant.
/// </summary>
[DomainActivity("Review probation", "试用期满考核",
    Rule = "V9", Description = "At expiry: approved → formal appointment, not approved → returned to the original unit; before expiry → NotDue (V9).",
    Outcomes = [ProbationOutcomes.Confirmed, ProbationOutcomes.Reverted, ProbationOutcomes.NotDue])]
public sealed record ReviewProbation(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("考核合格", "Approved", "试用期满民主测评和考核合格则正式任职，否则免去试用职务、回原单位（V9）。")]
    bool Approved,
    [property: ActivityInput("考核意见", "Evaluation", "试用期满考核的意见（V9）。", Multiline = true)]
    string? Evaluation = null,
    [property: ActivityInput("任职", "Appointment", "要考核的试用期任职（V9）。", WhenEmpty = "该干部正在试用期的任职")]
    Guid AppointmentId = default) : IDomainCommand<ProbationReviewed>, ICadreMessage;

public sealed record ProbationReviewed(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid AppointmentId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
