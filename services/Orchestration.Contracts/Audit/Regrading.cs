namespace Orchestration.Contracts.Audit;

/// <summary>
/// The start-of-year adjustment of a unit's tier from its new annual budget (rule A3, by A1's bands). Failed, with the reason, for a
/// unit the tenant does not have or a negative budget.
/// </summary>
[DomainActivity("Adjust audit tier to the budget", "年初按预算调整审计级别",
    Description = "Re-grades the unit from its new annual budget; a special-fund raise stays until its audit after completion is clean.",
    Outcomes = [RegradingOutcomes.Unchanged, RegradingOutcomes.Raised, RegradingOutcomes.Lowered, Outcomes.Failed])]
public sealed record AdjustAuditUnitBudget(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("审计对象单位", "Unit", "要按新预算调整级别的单位（A3）。")]
    Guid UnitId,
    [property: ActivityInput("调整年度", "Year", "年初调整所属年度（A3）。")]
    int Year,
    [property: ActivityInput("新年度预算（元）", "New annual budget (CNY)", "单位新的年度预算，按 A1 的档次重新分级（A3）；不得为负。")]
    decimal AnnualBudget) : IDomainCommand<AuditUnitBudgetAdjusted>;

/// <param name="Tier">The unit's tier after the adjustment; null when it was refused.</param>
public sealed record AuditUnitBudgetAdjusted(
    Guid ProcedureId,
    string TenantId,
    Guid UnitId,
    int? Tier,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>
/// A new project or special fund handed to a unit (rule A3): 100 million CNY or more → special tier and a tracking audit this
/// year; 10 to 100 million → one tier up, audited after completion; below 10 million → one tier up this year, audited within two years.
/// Failed, with the reason, for a unit the tenant does not have or a fund without a positive amount or a project.
/// </summary>
[DomainActivity("Record special fund", "专项资金随时调级",
    Description = "≥100 million: special tier and tracking audit this year; 10–100 million: one tier up, audit after completion; <10 million: re-graded this year, audit within two years.",
    Outcomes = [SpecialFundTreatments.SpecialTier, SpecialFundTreatments.OneTierUp, SpecialFundTreatments.RegradedThisYear, Outcomes.Failed])]
public sealed record RecordSpecialFund(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("承担单位", "Unit", "承担新项目或专项资金的单位（A3）。")]
    Guid UnitId,
    [property: ActivityInput("年度", "Year", "专项资金下达的年度（A3）。")]
    int Year,
    [property: ActivityInput("资金金额（元）", "Amount (CNY)", "专项资金金额：1亿元以上列特殊级别并当年跟踪审计，1000万至1亿元提一级、完工后审计，1000万元以下当年调级、两年内审计（A3）。")]
    decimal Amount,
    [property: ActivityInput("项目名称", "Project", "项目或专项资金的名称；为空则拒绝（A3）。")]
    string Project) : IDomainCommand<SpecialFundRecorded>;

/// <param name="FundId">Empty when the fund was refused.</param>
/// <param name="Tier">The unit's tier after the fund; null when it was refused.</param>
public sealed record SpecialFundRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid UnitId,
    Guid FundId,
    int? Tier,
    int? AuditDueYear,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

public static class RegradingOutcomes
{
    public const string Unchanged = "Unchanged";
    public const string Raised = "Raised";
    public const string Lowered = "Lowered";
}

public static class SpecialFundTreatments
{
    public const string SpecialTier = "SpecialTier";
    public const string OneTierUp = "OneTierUp";
    public const string RegradedThisYear = "RegradedThisYear";
}
