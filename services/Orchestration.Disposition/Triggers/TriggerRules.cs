using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.Triggers;

/// <summary>One trigger of D2 that fired: a stable code, the rule, the measure it calls for and the figures.</summary>
public sealed record FiredTrigger(string Code, string RuleId, string Outcome, string Description);

public sealed record TriggerVerdict(string Outcome, bool MayBeRatedExcellent, IReadOnlyList<FiredTrigger> Fired);

/// <summary>The results a D2 evaluation looks at.</summary>
public sealed record EvaluationResults(
    decimal Satisfaction,
    decimal Dissatisfaction,
    decimal Incompetent,
    int BottomGroupYears = 0,
    int SpecialAssessmentBottomTimes = 0,
    int PartyConductFailures = 0,
    bool RatedUnsatisfactoryInReview = false,
    bool LastInPerformanceReview = false);

/// <summary>
/// D2 — the quantitative triggers, each reporting what fired: satisfaction below 75% bars an excellent rating;
/// dissatisfaction above 20% calls for an admonishment talk and above 50% for an adjustment; "incompetent" votes of 30% or
/// more call for demotion or removal; the bottom group of the annual assessment two years running, of a special assessment twice
/// running, failing the Party-conduct responsibility assessment twice running, or an "unsatisfactory" rating in a people's-congress
/// or discipline-commission review call for an adjustment; last place in the performance review (政绩督查, seed 003) calls for demotion or
/// removal. The most severe measure wins.
/// </summary>
public static class TriggerRules
{
    public const string SatisfactionBelowExcellent = "satisfaction-below-excellent";
    public const string DissatisfactionAdmonishment = "dissatisfaction-admonishment";
    public const string DissatisfactionAdjustment = "dissatisfaction-adjustment";
    public const string IncompetentVotes = "incompetent-votes";
    public const string BottomGroupYears = "bottom-group-years";
    public const string SpecialAssessmentBottom = "special-assessment-bottom";
    public const string PartyConductFailures = "party-conduct-failures";
    public const string UnsatisfactoryReview = "unsatisfactory-review";
    public const string PerformanceReviewLast = "performance-review-last";

    public static TriggerVerdict Evaluate(decimal satisfaction, decimal dissatisfaction, decimal incompetent, int bottomGroupYears, DispositionOptions options) =>
        Evaluate(new EvaluationResults(satisfaction, dissatisfaction, incompetent, bottomGroupYears), options);

    public static TriggerVerdict Evaluate(EvaluationResults results, DispositionOptions options)
    {
        var fired = new List<FiredTrigger>();
        void Fire(string code, string outcome, string description) => fired.Add(new FiredTrigger(code, "D2", outcome, description));

        var mayBeExcellent = results.Satisfaction >= options.ExcellentSatisfactionFloor;
        if (!mayBeExcellent)
            Fire(SatisfactionBelowExcellent, DispositionOutcomes.NoAction,
                $"satisfaction {results.Satisfaction:P1} below {options.ExcellentSatisfactionFloor:P0}: cannot be rated excellent");
        if (results.Dissatisfaction > options.AdmonishmentDissatisfaction)
            Fire(DissatisfactionAdmonishment, DispositionOutcomes.Admonishment,
                $"dissatisfaction {results.Dissatisfaction:P1} above {options.AdmonishmentDissatisfaction:P0}: admonishment talk");
        if (results.Dissatisfaction > options.AdjustmentDissatisfaction)
            Fire(DissatisfactionAdjustment, DispositionOutcomes.Adjustment,
                $"dissatisfaction {results.Dissatisfaction:P1} above {options.AdjustmentDissatisfaction:P0}: adjustment");
        if (results.BottomGroupYears >= options.BottomGroupYearsForAdjustment)
            Fire(BottomGroupYears, DispositionOutcomes.Adjustment, $"bottom group of the annual assessment {results.BottomGroupYears} years running: adjustment");
        if (results.SpecialAssessmentBottomTimes >= options.SpecialAssessmentBottomTimesForAdjustment)
            Fire(SpecialAssessmentBottom, DispositionOutcomes.Adjustment,
                $"bottom group of a special assessment {results.SpecialAssessmentBottomTimes} times running: adjustment");
        if (results.PartyConductFailures >= options.PartyConductFailuresForAdjustment)
            Fire(PartyConductFailures, DispositionOutcomes.Adjustment,
                $"Party-conduct responsibility assessment failed {results.PartyConductFailures} times running: adjustment");
        if (results.RatedUnsatisfactoryInReview)
            Fire(UnsatisfactoryReview, DispositionOutcomes.Adjustment, "rated unsatisfactory in a people's-congress or discipline-commission review: adjustment");
        // Seed 003: 「在政绩督查中排在末位而受到降免职处理」 (末位淘汰制).
        if (results.LastInPerformanceReview)
            Fire(PerformanceReviewLast, DispositionOutcomes.Demotion, "last place in the performance review (政绩督查排在末位): demotion or removal");
        if (results.Incompetent >= options.DemotionIncompetentShare)
            Fire(IncompetentVotes, DispositionOutcomes.Demotion,
                $"'incompetent' {results.Incompetent:P1} at or above {options.DemotionIncompetentShare:P0}: demotion or removal");

        var outcome = fired.Select(f => f.Outcome).Aggregate(DispositionOutcomes.NoAction, Severest);
        return new TriggerVerdict(outcome, mayBeExcellent, fired);
    }

    static readonly string[] Severity = [DispositionOutcomes.NoAction, DispositionOutcomes.Admonishment, DispositionOutcomes.Adjustment, DispositionOutcomes.Demotion];

    static string Severest(string a, string b) => Array.IndexOf(Severity, a) >= Array.IndexOf(Severity, b) ? a : b;
}
