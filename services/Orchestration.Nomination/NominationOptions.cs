namespace Orchestration.Nomination;

/// <summary>Local practice the seeds quote as numbers (section <c>Nomination</c>); defaults are the seeds' values.</summary>
public sealed class NominationOptions
{
    public const string Section = "Nomination";

    /// <summary>N5: the share of recommendation below which a nominee cannot become an inspection candidate.</summary>
    public decimal RecommendationThreshold { get; set; } = 0.5m;
}
