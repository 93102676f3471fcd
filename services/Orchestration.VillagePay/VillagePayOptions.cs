namespace Orchestration.VillagePay;

/// <summary>
/// Every number of the village-pay rules (section <c>VillagePay</c>). Defaults follow seed 004 where it gives a figure; where it
/// does not, the default is named as local practice to be set by the county.
/// </summary>
public sealed class VillagePayOptions
{
    public const string Section = "VillagePay";

    /// <summary>
    /// P1: base pay in CNY a year by population, 7,000–9,000 (seed 004). A village pays the band of the largest floor its
    /// population reaches. Default bands (local practice): under 1,000 people 7,000; 1,000–2,999 people 8,000; 3,000 and more 9,000.
    /// </summary>
    public List<PopulationBand> BasePayBands { get; set; } =
    [
        new() { MinimumPopulation = 0, BasePay = 7_000m },
        new() { MinimumPopulation = 1_000, BasePay = 8_000m },
        new() { MinimumPopulation = 3_000, BasePay = 9_000m },
    ];

    /// <summary>P2: performance pay of an excellent principal (seed 004: 4,000 CNY).</summary>
    public decimal ExcellentPerformancePay { get; set; } = 4_000m;

    /// <summary>P2: the reduced performance pay of a basically competent principal (local practice: 2,000 CNY, half of excellent).</summary>
    public decimal BasicallyCompetentPerformancePay { get; set; } = 2_000m;

    /// <summary>
    /// P2: an incompetent principal's rectification deadline (限期整改) in months from the grading. Seed 004 orders 「限期整改」 but gives
    /// no period; the default of 3 months is local practice the county sets. The deadline's last county day is the grading's day this
    /// many months on; the reminders show it upcoming through that day and overdue after.
    /// </summary>
    public int RectificationMonths { get; set; } = 3;

    /// <summary>P2/C5: each quarter's results are publicized for this many calendar days, the day of posting included (seed 004: 7).</summary>
    public int EvaluationPublicityDays { get; set; } = 7;

    /// <summary>
    /// P2 — 「采取平时考评与年度考评相结合的方式」 (seed 004): the yearly grade combines the quarterly (平时) average and the annual
    /// (年度) evaluation's score with this weight on the annual one. The seed gives no proportion; equal halves by default.
    /// 0 grades on the quarters alone and needs no annual evaluation.
    /// </summary>
    public decimal AnnualEvaluationWeight { get; set; } = 0.5m;

    /// <summary>
    /// P4: the most one start-up subsidy (创业补贴) may be. Seed 004 names the subsidy (「离任干部生活和创业补贴」) but no amount; each grant
    /// states its amount, within this ceiling the county sets (default 10,000 CNY).
    /// </summary>
    public decimal StartUpSubsidyMaximum { get; set; } = 10_000m;

    /// <summary>P2: the highest on-site score of a quarter.</summary>
    public decimal MaximumScore { get; set; } = 100m;

    /// <summary>
    /// P2 ranking, per township: at most this share of its villages is outstanding (rounded up, so a small township can still
    /// have one), and only those averaging at least <see cref="OutstandingMinimumScore"/>. Local practice: 20%.
    /// </summary>
    public decimal OutstandingShare { get; set; } = 0.20m;

    /// <summary>P2 ranking: the lowest yearly average an outstanding village may have (local practice: 90).</summary>
    public decimal OutstandingMinimumScore { get; set; } = 90m;

    /// <summary>P2 ranking: a yearly average below this is ordinary, i.e. an incompetent principal (local practice: 60).</summary>
    public decimal OrdinaryBelowScore { get; set; } = 60m;

    /// <summary>P3: the places each year are at least this share of all villages, rounded up (seed 004: 5%; 206 villages → 11).</summary>
    public decimal MinimumSelectionShare { get; set; } = 0.05m;

    /// <summary>P3: the township enlarged meeting shortlists this many initial candidates per place (seed 004: 1:3).</summary>
    public int EnlargedMeetingPerPlace { get; set; } = 3;

    /// <summary>P3: the township committee shortlists this many preliminary candidates per place (seed 004: 1:2).</summary>
    public int TownshipCommitteePerPlace { get; set; } = 2;

    /// <summary>P3: the inspection names this many more formal candidates than places, rounded up (seed 004: 20%).</summary>
    public decimal InspectionDifferential { get; set; } = 0.20m;

    /// <summary>P3/C5: the selection's two publicities last this many working days (local practice: 5, as V4's publicities).</summary>
    public int SelectionPublicityWorkingDays { get; set; } = 5;

    /// <summary>
    /// P3: the public-institution pay of a selected principal, CNY a year, paid on top of the village base pay. Seed 004 gives
    /// no figure; the default (36,000) is a placeholder each county sets to its public-institution base pay.
    /// </summary>
    public decimal InstitutionPay { get; set; } = 36_000m;

    /// <summary>P4: the fewest full years in post that earn a former principal the retirement subsidy (seed 004: 10).</summary>
    public int RetirementMinimumYears { get; set; } = 10;

    /// <summary>P4: the yearly living subsidy of a former principal, CNY. Seed 004 gives no figure; local practice: 3,600 (300 a month).</summary>
    public decimal RetirementSubsidy { get; set; } = 3_600m;
}

public sealed class PopulationBand
{
    public int MinimumPopulation { get; set; }

    public decimal BasePay { get; set; }
}
