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
    Guid UnitId,
    string UnitName,
    decimal AnnualBudget,
    AuditFactors Factors,
    Guid? LeaderCadreId = null,
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
