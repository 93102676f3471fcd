namespace Orchestration.Audit;

/// <summary>Local practice the seeds quote as numbers (section <c>Audit</c>); defaults are seed 004's values, in CNY.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>A1: an annual budget above this starts in tier 1.</summary>
    public decimal UpperBudgetBoundary { get; set; } = 5_000_000m;

    /// <summary>A1: an annual budget below this starts in tier 3; from it up to the upper boundary, tier 2.</summary>
    public decimal LowerBudgetBoundary { get; set; } = 3_000_000m;
}
