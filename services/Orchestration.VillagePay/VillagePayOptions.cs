namespace Orchestration.VillagePay;

/// <summary>Pay figures in CNY a year (section <c>VillagePay</c>); defaults follow seed 004 where it gives them.</summary>
public sealed class VillagePayOptions
{
    public const string Section = "VillagePay";

    /// <summary>P1: base pay by population, 7,000–9,000 CNY; a village pays the band of the largest floor its population reaches.</summary>
    public List<PopulationBand> BasePayBands { get; set; } =
    [
        new() { MinimumPopulation = 0, BasePay = 7_000m },
        new() { MinimumPopulation = 1_000, BasePay = 8_000m },
        new() { MinimumPopulation = 3_000, BasePay = 9_000m },
    ];

    /// <summary>P2: performance pay of an excellent principal.</summary>
    public decimal ExcellentPerformancePay { get; set; } = 4_000m;

    /// <summary>P2: the reduced performance pay of a basically competent principal.</summary>
    public decimal BasicallyCompetentPerformancePay { get; set; } = 2_000m;

    /// <summary>P2: an incompetent principal's rectification deadline, counted from the grading.</summary>
    public int RectificationDays { get; set; } = 90;
}

public sealed class PopulationBand
{
    public int MinimumPopulation { get; set; }

    public decimal BasePay { get; set; }
}
