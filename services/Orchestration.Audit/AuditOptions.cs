namespace Orchestration.Audit;

/// <summary>Local practice the seeds quote as numbers (section <c>Audit</c>); defaults are seed 004's values, in CNY.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>A1: an annual budget above this starts in tier 1.</summary>
    public decimal UpperBudgetBoundary { get; set; } = 5_000_000m;

    /// <summary>A1: an annual budget below this starts in tier 3; from it up to the upper boundary, tier 2.</summary>
    public decimal LowerBudgetBoundary { get; set; } = 3_000_000m;

    /// <summary>A2: the share of tier-1 units audited each year, at least (rounded up to whole units).</summary>
    public decimal Tier1YearlyShare { get; set; } = 0.35m;

    /// <summary>A2: every tier-1 unit is audited within each window of this many years.</summary>
    public int Tier1WindowYears { get; set; } = 3;

    /// <summary>A2: the share of tier-2 units audited each year, at least (rounded up to whole units).</summary>
    public decimal Tier2YearlyShare { get; set; } = 0.20m;

    /// <summary>A2: every tier-2 unit is audited within each window of this many years.</summary>
    public int Tier2WindowYears { get; set; } = 5;

    /// <summary>A2: a tier-3 unit is audited when its leader's tenure reaches this many years.</summary>
    public int Tier3TenureYears { get; set; } = 5;

    /// <summary>A2: tier-3 units sampled during term each year, at least …</summary>
    public int Tier3SampleMin { get; set; } = 1;

    /// <summary>… and at most; a plan asks for a number in between, the minimum when it does not say.</summary>
    public int Tier3SampleMax { get; set; } = 2;

    /// <summary>A3: every unit is fully re-graded once in this many years.</summary>
    public int FullRegradingCycleYears { get; set; } = 5;

    /// <summary>A3: a special fund of this amount or more puts the unit in the special tier with a tracking audit this year.</summary>
    public decimal SpecialTierFund { get; set; } = 100_000_000m;

    /// <summary>A3: a special fund of this amount or more (below the special tier) raises the unit one tier, audited after completion;
    /// below it the unit is raised this year and audited within <see cref="SmallFundAuditWithinYears"/>.</summary>
    public decimal TierUpFund { get; set; } = 10_000_000m;

    /// <summary>A3: a fund below <see cref="TierUpFund"/> is audited within this many years, counting the year it is recorded.</summary>
    public int SmallFundAuditWithinYears { get; set; } = 2;

    /// <summary>
    /// A4: calendar days a departing leader has to hand over. Seed 000 asks for a time-limited handover (限时离任交接) without a
    /// number; 30 days is this product's default.
    /// </summary>
    public int HandoverDays { get; set; } = 30;
}
