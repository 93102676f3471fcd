namespace Orchestration.Disposition;

/// <summary>The numbers of rules D2, D5 and D6 (section <c>Disposition</c>); defaults are the seeds' values unless a comment says otherwise.</summary>
public sealed class DispositionOptions
{
    public const string Section = "Disposition";

    /// <summary>D2: satisfaction below this share bars an "excellent" rating.</summary>
    public decimal ExcellentSatisfactionFloor { get; set; } = 0.75m;

    /// <summary>D2: dissatisfaction above this share → admonishment talk (诫勉谈话).</summary>
    public decimal AdmonishmentDissatisfaction { get; set; } = 0.20m;

    /// <summary>D2: dissatisfaction above this share → adjustment.</summary>
    public decimal AdjustmentDissatisfaction { get; set; } = 0.50m;

    /// <summary>D2: "incompetent" votes of this share or more → demotion or removal.</summary>
    public decimal DemotionIncompetentShare { get; set; } = 0.30m;

    /// <summary>D2: years running in the bottom group of the annual comprehensive assessment → adjustment.</summary>
    public int BottomGroupYearsForAdjustment { get; set; } = 2;

    /// <summary>D2: times running in the bottom group of a special (key-work) assessment → adjustment.</summary>
    public int SpecialAssessmentBottomTimesForAdjustment { get; set; } = 2;

    /// <summary>D2: Party-conduct responsibility assessments failed running → adjustment.</summary>
    public int PartyConductFailuresForAdjustment { get; set; } = 2;

    /// <summary>D5: men move to a non-leadership post at this age (seed 003's county).</summary>
    public int NonLeadershipAgeMen { get; set; } = 52;

    /// <summary>D5: women move to a non-leadership post at this age (seed 003's county).</summary>
    public int NonLeadershipAgeWomen { get; set; } = 50;

    /// <summary>D5: unable to work normally for this many years or more (一年以上 includes one year) → non-leadership post.</summary>
    public int IllnessYears { get; set; } = 1;

    /// <summary>
    /// D5: "long in post" for a transfer by inaction. Seed 003 gives no number; the default follows the rule that a leader ten
    /// years in the same post is moved (党政领导干部交流工作规定).
    /// </summary>
    public int InactionYearsInPost { get; set; } = 10;

    /// <summary>
    /// D6: quarters with a revisit on the ledger before a disposed cadre may be reinstated. Seed 004 asks for strict inspection
    /// and quarterly revisits without a count; a full year of revisits is this product's default.
    /// </summary>
    public int ReinstatementRevisitQuarters { get; set; } = 4;
}
