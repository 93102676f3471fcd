namespace Orchestration.Disposition;

/// <summary>The quantitative triggers of rule D2 (section <c>Disposition</c>); defaults are the seeds' values.</summary>
public sealed class DispositionOptions
{
    public const string Section = "Disposition";

    /// <summary>Satisfaction below this share bars an "excellent" rating.</summary>
    public decimal ExcellentSatisfactionFloor { get; set; } = 0.75m;

    /// <summary>Dissatisfaction above this share → admonishment talk (诫勉谈话).</summary>
    public decimal AdmonishmentDissatisfaction { get; set; } = 0.20m;

    /// <summary>Dissatisfaction above this share → adjustment.</summary>
    public decimal AdjustmentDissatisfaction { get; set; } = 0.50m;

    /// <summary>"Incompetent" votes of this share or more → demotion or removal.</summary>
    public decimal DemotionIncompetentShare { get; set; } = 0.30m;

    /// <summary>Years running in the bottom group of the annual comprehensive assessment → adjustment.</summary>
    public int BottomGroupYearsForAdjustment { get; set; } = 2;
}
