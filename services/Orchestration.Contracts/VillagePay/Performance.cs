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

/// <summary>Sets a village principal's performance pay for a year from the township's grading (rule P2).</summary>
[DomainActivity("Grade village principal", "嘎查村正职年度评定",
    Description = "Excellent → 4,000 CNY performance pay; basically competent → reduced pay; incompetent → none, an admonishment talk and a rectification deadline.",
    Outcomes = [nameof(PrincipalGrade.Excellent), nameof(PrincipalGrade.BasicallyCompetent), nameof(PrincipalGrade.Incompetent)])]
public sealed record GradeVillagePrincipal(
    Guid ProcedureId,
    string TenantId,
    Guid VillageId,
    int Year,
    PrincipalGrade Grade) : IDomainCommand<VillagePrincipalGraded>;

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
