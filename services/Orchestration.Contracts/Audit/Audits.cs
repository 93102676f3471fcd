using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Audit;

/// <summary>How the audited leader discharged their economic responsibility (A5).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditRating>))]
public enum AuditRating
{
    /// <summary>履责优秀: no findings, commended.</summary>
    Excellent,

    /// <summary>No findings, nothing further.</summary>
    Satisfactory,

    /// <summary>履责不佳: findings, which open a disposition case (D1 source "audit").</summary>
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
    Guid UnitId,
    Guid CadreId,
    int Year,
    AuditRating Rating,
    IReadOnlyList<string> Findings,
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
