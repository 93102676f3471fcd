using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Audit;

/// <summary>How the audited leader discharged their economic responsibility (A5).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditRating>))]
public enum AuditRating
{
    /// <summary>履责优秀: no findings, commended.</summary>
    [Choice("履责优秀")]
    Excellent,

    /// <summary>No findings, nothing further.</summary>
    [Choice("履责良好")]
    Satisfactory,

    /// <summary>履责不佳: findings, which open a disposition case (D1 source "audit").</summary>
    [Choice("履责不佳")]
    Deficient,
}

/// <summary>
/// Records a completed economic-responsibility audit of a unit's leader (A2 coverage, A3 restore, A4 departure, A5 use). Failed, with
/// the reason, for a rating that does not fit the findings (A5), an unknown unit, or a departure audit already recorded or of another
/// leader (A4).
/// </summary>
[DomainActivity("Record audit result", "登记审计结果",
    Rule = "A5", Description = "Findings open a disposition case; an excellent result is commended; a clean audit after a special fund's completion restores the original tier.",
    Outcomes = [AuditOutcomes.Clean, AuditOutcomes.Findings, Outcomes.Failed])]
public sealed record RecordAuditResult(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("被审计单位", "Audited unit", "被审计单位的编号，须为本地区已分级的审计对象（A1）。")]
    Guid UnitId,
    [property: ActivityInput("被审计领导干部", "Audited leader", "被审计的单位主要领导干部（A5）。", WhenEmpty = "本程序的干部")]
    Guid CadreId,
    [property: ActivityInput("审计年度", "Audit year", "审计所属年度，计入该单位的审计覆盖（A2）。")]
    int Year,
    [property: ActivityInput("履责评价", "Rating", "领导干部履行经济责任的评价：优秀获表扬，不佳则启动组织处理（A5、D1）；须与发现的问题相符。")]
    AuditRating Rating,
    [property: ActivityInput("审计发现的问题", "Findings", "审计发现的问题，逐条列出（JSON 字符串数组）；有问题即移交组织处理（A5）。")]
    IReadOnlyList<string> Findings,
    [property: ActivityInput("离任审计", "Departure audit", "本次审计所完成的离任审计（先审后离，A4）。", WhenEmpty = "不是离任审计")]
    Guid? DepartureAuditId = null) : IDomainCommand<AuditResultRecorded>, ICadreMessage;

/// <param name="AuditId">Empty when the result was refused.</param>
public sealed record AuditResultRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid AuditId,
    Guid UnitId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;

/// <summary>
/// A5 — an audit found problems with a leader's economic responsibility. The disposition service opens a case from it
/// (D1 source "audit"), once per audit.
/// </summary>
public sealed record AuditFindingsReported(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid AuditId,
    Guid UnitId,
    string UnitName,
    int Year,
    IReadOnlyList<string> Findings) : ICadreMessage;

public static class AuditOutcomes
{
    public const string Clean = "Clean";
    public const string Findings = "Findings";
}
