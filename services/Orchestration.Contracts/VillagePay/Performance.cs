using System.Text.Json.Serialization;

namespace Orchestration.Contracts.VillagePay;

/// <summary>The yearly grade of a village principal (优秀 / 基本合格 / 不合格), matching the team's grade (P2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrincipalGrade>))]
public enum PrincipalGrade
{
    [Choice("优秀")]
    Excellent,
    [Choice("基本合格")]
    BasicallyCompetent,
    [Choice("不合格")]
    Incompetent,
}

/// <summary>
/// The yearly grade of a village's two-committee team within its township (实绩突出 / 比较突出 / 一般, P2):
/// outstanding ↔ excellent principal, fairly outstanding ↔ basically competent, ordinary ↔ incompetent.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TeamGrade>))]
public enum TeamGrade
{
    Outstanding,
    FairlyOutstanding,
    Ordinary,
}

/// <summary>Sets a village principal's performance pay for a year from the township's grading (rule P2).</summary>
[DomainActivity("Grade village principal", "嘎查村正职年度评定",
    Description = "Excellent → 4,000 CNY performance pay; basically competent → reduced pay; incompetent → none, an admonishment talk and a rectification deadline.",
    Outcomes = [nameof(PrincipalGrade.Excellent), nameof(PrincipalGrade.BasicallyCompetent), nameof(PrincipalGrade.Incompetent), Contracts.Outcomes.Failed])]
public sealed record GradeVillagePrincipal(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("嘎查村", "Village", "要评定的嘎查村（P2）。")]
    Guid VillageId,
    [property: ActivityInput("年度", "Year", "评定所属年度（P2）。")]
    int Year,
    [property: ActivityInput("评定等次", "Grade", "优秀得 4000 元绩效报酬；基本合格减发；不合格不发，并诫勉谈话、限期整改（P2）。")]
    PrincipalGrade Grade) : IDomainCommand<VillagePrincipalGraded>;

/// <summary>The grade and pay of one principal; Outcome is the grade, or Failed (with the rule) when it was refused.</summary>
public sealed record VillagePrincipalGraded(
    Guid ProcedureId,
    string TenantId,
    Guid VillageId,
    int Year,
    decimal BasePay,
    decimal PerformancePay,
    bool AdmonishmentTalk,
    DateOnly? RectificationDeadline,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>
/// P2 — the admonishment talk (诫勉谈话) the township secretary holds with a principal graded incompetent (seed 004: 「由苏木镇党委书记进行诫勉谈话、限期整改」),
/// recorded once per grade.
/// </summary>
/// <param name="PrincipalCadreId">The principal's id in the cadre files when the department keeps one: the talk then goes into that cadre's full-process record.</param>
[DomainActivity("Record village admonishment talk", "嘎查村正职诫勉谈话", Rule = "P2",
    Description = "The township secretary's talk with a principal graded incompetent; once per grade.",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record RecordVillageAdmonishmentTalk(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("年度评定", "Grade", "评为不合格的正职年度评定（P2）。")]
    Guid GradeId,
    [property: ActivityInput("谈话日期", "Held on", "苏木镇党委书记诫勉谈话的日期（P2）。")]
    DateOnly HeldOn,
    [property: ActivityInput("谈话人", "Held by", "进行诫勉谈话的苏木镇党委书记（P2）。")]
    string HeldBy,
    [property: ActivityInput("谈话记录", "Notes", "谈话的主要内容（C1）。", Multiline = true)]
    string Notes,
    [property: ActivityInput("正职干部编号", "Principal's cadre id", "正职在干部档案中的编号；有则谈话记入其全程纪实（C1）。")]
    Guid? PrincipalCadreId = null) : IDomainCommand<VillageAdmonishmentTalkRecorded>;

/// <summary>The talk recorded (Done), or Failed with the refusing rule.</summary>
public sealed record VillageAdmonishmentTalkRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid GradeId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>
/// P2 — the rectification (整改) a principal graded incompetent owes by the grade's deadline (限期整改), as the township found it done:
/// recorded once per grade; it meets the deadline the reminders follow.
/// </summary>
/// <param name="RectifiedOn">The county day the township found the rectification done.</param>
/// <param name="CheckedBy">Who checked it (the township secretary, say).</param>
/// <param name="PrincipalCadreId">The principal's id in the cadre files when the department keeps one: the rectification then goes into that cadre's full-process record.</param>
[DomainActivity("Record village rectification", "嘎查村正职整改完成", Rule = "P2",
    Description = "Closes an incompetent principal's rectification deadline; Done within it, Late after it.",
    Outcomes = [Contracts.Outcomes.Done, RectificationOutcomes.Late, Contracts.Outcomes.Failed])]
public sealed record RecordRectification(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("年度评定", "Grade", "评为不合格、限期整改的正职年度评定（P2）。")]
    Guid GradeId,
    [property: ActivityInput("整改完成日期", "Rectified on", "苏木镇认定整改完成的日期；超过期限为逾期（P2）。")]
    DateOnly RectifiedOn,
    [property: ActivityInput("验收人", "Checked by", "验收整改的人，如苏木镇党委书记（P2）。")]
    string CheckedBy,
    [property: ActivityInput("整改情况", "Summary", "整改的主要情况（C1）。", Multiline = true)]
    string Summary,
    [property: ActivityInput("正职干部编号", "Principal's cadre id", "正职在干部档案中的编号；有则整改记入其全程纪实（C1）。")]
    Guid? PrincipalCadreId = null) : IDomainCommand<RectificationRecorded>;

/// <summary>The rectification recorded: Done by the deadline, Late after it; or Failed with the refusing rule.</summary>
public sealed record RectificationRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid GradeId,
    DateOnly? Deadline,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>The outcomes of <see cref="RecordRectification"/> beside the common ones.</summary>
public static class RectificationOutcomes
{
    /// <summary>Rectified after the deadline's last county day.</summary>
    public const string Late = "Late";
}
