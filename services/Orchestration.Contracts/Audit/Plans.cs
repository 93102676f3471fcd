using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Audit;

/// <summary>Why a unit is in a year's audit plan (A2, A3, A4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanReason>))]
public enum PlanReason
{
    /// <summary>Fills the tier's yearly share (tier 1: 35%, tier 2: 20%).</summary>
    Quota,

    /// <summary>The last year the tier's coverage window (3 or 5 years) allows without an audit.</summary>
    WindowDeadline,

    /// <summary>The leader is leaving: audited before leaving (先审后离).</summary>
    Departure,

    /// <summary>Tier 3: the leader's tenure reaches 5 years.</summary>
    Tenure,

    /// <summary>Tier 3: sampled during term (1–2 units a year).</summary>
    Sample,

    /// <summary>A3: a special fund's tracking audit or its audit after completion falls due.</summary>
    SpecialFundTracking,
}

/// <param name="UnitId">The audited unit's id.</param>
/// <param name="UnitName">The audited unit's name.</param>
/// <param name="Tier">The unit's tier (1, 2 or 3, A1).</param>
/// <param name="Reason">Why the unit is in the plan (A2, A3), e.g. its tier's yearly share or a special fund's tracking audit.</param>
/// <param name="Explanation">The reason in words.</param>
public sealed record PlannedAudit(Guid UnitId, string UnitName, int Tier, PlanReason Reason, string Explanation);

/// <summary>
/// Draws up a tenant's audit plan for a year so that every tier's yearly share and coverage window holds (rule A2). Failed, with the
/// reason, for a year out of range or a tier-3 sample size A2 does not allow.
/// </summary>
[DomainActivity("Draw up audit plan", "制定年度审计计划",
    Description = "Tier 1: at least 35% a year and all within 3 years; tier 2: at least 20% a year and all within 5; tier 3: departures, 5-year tenures and 1–2 samples; special-fund tracking audits.",
    Outcomes = [Outcomes.Done, Outcomes.Failed])]
public sealed record DrawUpAuditPlan(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("计划年度", "Plan year", "审计计划所属年度（A2）。")]
    int Year,
    [property: ActivityInput("三类单位抽审数", "Tier-3 samples", "任中抽审的三类单位个数，每年 1–2 个（A2）。", WhenEmpty = "配置的抽审数")]
    int? Tier3Samples = null) : IDomainCommand<AuditPlanDrawnUp>;

/// <param name="PlanId">Empty, with no units, when the plan was refused.</param>
public sealed record AuditPlanDrawnUp(
    Guid ProcedureId,
    string TenantId,
    Guid PlanId,
    int Year,
    IReadOnlyList<PlannedAudit> Units,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;
