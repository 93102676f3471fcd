using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Audit;

/// <summary>How much say a unit has over decisions or the allocation of funds (A1's supplementary factors).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PowerLevel>))]
public enum PowerLevel
{
    None,
    Some,
    Large,
}

/// <summary>The supplementary factors of rule A1, beside the annual budget.</summary>
/// <param name="CollectsFees">The unit collects fees or charges (A1).</param>
/// <param name="HasSpecialFunds">The unit manages special funds (专项资金, A1).</param>
/// <param name="DecisionPower">How much power the unit has over decisions (A1): None, Some or Large.</param>
/// <param name="AllocationPower">How much power the unit has to allocate funds and resources (A1): None, Some or Large.</param>
/// <param name="ManyPublicComplaints">The public complains about the unit often (A1).</param>
/// <param name="ViolationProneIndustry">The unit works in a field prone to violations (A1).</param>
/// <param name="PublicServiceWindow">The unit serves the public at a window (窗口单位, A1).</param>
public sealed record AuditFactors(
    bool CollectsFees = false,
    bool HasSpecialFunds = false,
    PowerLevel DecisionPower = PowerLevel.None,
    PowerLevel AllocationPower = PowerLevel.None,
    bool ManyPublicComplaints = false,
    bool ViolationProneIndustry = false,
    bool PublicServiceWindow = false);

/// <summary>
/// Grades (or re-grades) an audited unit into tier 1, 2 or 3 from its budget and factors (rule A1). Failed, with the reason, for a
/// negative budget or a unit without a name.
/// </summary>
[DomainActivity("Grade audit unit", "审计对象分级",
    Description = "Budget above 5 million, 3–5 million or below 3 million gives the starting band; the supplementary factors can raise the tier.",
    Outcomes = [AuditTiers.Special, AuditTiers.Tier1, AuditTiers.Tier2, AuditTiers.Tier3, Outcomes.Failed])]
public sealed record GradeAuditUnit(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("审计对象单位", "Unit", "要分级的单位编号（A1）。")]
    Guid UnitId,
    [property: ActivityInput("单位名称", "Unit name", "单位全称，如“县财政局”；为空则拒绝（A1）。")]
    string UnitName,
    [property: ActivityInput("年度预算（元）", "Annual budget (CNY)", "单位年度预算金额：500万元以上、300万至500万元、300万元以下定起始档次（A1）。")]
    decimal AnnualBudget,
    [property: ActivityInput("补充因素", "Supplementary factors", "A1 的补充因素（JSON）：收费、专项资金、决策权和分配权大小、群众投诉、违规易发行业、窗口单位。")]
    AuditFactors Factors,
    [property: ActivityInput("单位主要领导", "Leader", "单位主要领导干部的编号；三类单位任期满五年须审计（A2）。")]
    Guid? LeaderCadreId = null,
    [property: ActivityInput("领导任职起始日", "Leader's tenure start", "主要领导在本单位任职的起始日期，用于计算五年任期审计（A2）。")]
    DateOnly? LeaderTenureStart = null) : IDomainCommand<AuditUnitGraded>;

/// <param name="Tier">The unit's tier; null when grading was refused.</param>
public sealed record AuditUnitGraded(
    Guid ProcedureId,
    string TenantId,
    Guid UnitId,
    int? Tier,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

public static class AuditTiers
{
    /// <summary>A3: a unit spending a special fund of 100 million CNY or more is audited above tier 1 (特殊级别).</summary>
    public const int SpecialTier = 0;

    public const string Special = "Special";
    public const string Tier1 = "Tier1";
    public const string Tier2 = "Tier2";
    public const string Tier3 = "Tier3";

    public static string Name(int tier) => tier == SpecialTier ? Special : $"Tier{tier}";
}
