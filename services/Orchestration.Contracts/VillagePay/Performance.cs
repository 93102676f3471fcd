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
