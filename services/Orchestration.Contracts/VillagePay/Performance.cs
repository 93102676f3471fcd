using System.Text.Json.Serialization;

namespace Orchestration.Contracts.VillagePay;

/// <summary>The yearly grade of a village principal (优秀 / 基本合格 / 不合格), matching the team's grade (P2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrincipalGrade>))]
public enum PrincipalGrade
{
    Excellent,
    BasicallyCompetent,
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
    Guid VillageId,
    int Year,
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
    Guid GradeId,
    DateOnly HeldOn,
    string HeldBy,
    string Notes,
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
    Guid GradeId,
    DateOnly RectifiedOn,
    string CheckedBy,
    string Summary,
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
