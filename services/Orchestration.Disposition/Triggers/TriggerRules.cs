using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.Triggers;

public sealed record TriggerVerdict(string Outcome, bool MayBeRatedExcellent, IReadOnlyList<string> Fired);

/// <summary>
/// D2 — the quantitative triggers, each reporting what fired: satisfaction below 75% bars an excellent rating;
/// dissatisfaction above 20% calls for an admonishment talk and above 50% for an adjustment; "incompetent" votes of 30% or
/// more call for demotion or removal; the bottom group two years running calls for an adjustment. The most severe measure wins.
/// </summary>
public static class TriggerRules
{
    public static TriggerVerdict Evaluate(decimal satisfaction, decimal dissatisfaction, decimal incompetent, int bottomGroupYears, DispositionOptions options)
    {
        var fired = new List<string>();
        var outcome = DispositionOutcomes.NoAction;

        var mayBeExcellent = satisfaction >= options.ExcellentSatisfactionFloor;
        if (!mayBeExcellent) fired.Add($"satisfaction {satisfaction:P1} below {options.ExcellentSatisfactionFloor:P0}: cannot be rated excellent");

        if (dissatisfaction > options.AdmonishmentDissatisfaction)
        {
            outcome = DispositionOutcomes.Admonishment;
            fired.Add($"dissatisfaction {dissatisfaction:P1} above {options.AdmonishmentDissatisfaction:P0}: admonishment talk");
        }

        if (dissatisfaction > options.AdjustmentDissatisfaction)
        {
            outcome = DispositionOutcomes.Adjustment;
            fired.Add($"dissatisfaction {dissatisfaction:P1} above {options.AdjustmentDissatisfaction:P0}: adjustment");
        }

        if (bottomGroupYears >= options.BottomGroupYearsForAdjustment)
        {
            outcome = Severest(outcome, DispositionOutcomes.Adjustment);
            fired.Add($"bottom group {bottomGroupYears} years running: adjustment");
        }

        if (incompetent >= options.DemotionIncompetentShare)
        {
            outcome = DispositionOutcomes.Demotion;
            fired.Add($"'incompetent' {incompetent:P1} at or above {options.DemotionIncompetentShare:P0}: demotion or removal");
        }

        return new TriggerVerdict(outcome, mayBeExcellent, fired);
    }

    static readonly string[] Severity = [DispositionOutcomes.NoAction, DispositionOutcomes.Admonishment, DispositionOutcomes.Adjustment, DispositionOutcomes.Demotion];

    static string Severest(string a, string b) => Array.IndexOf(Severity, a) >= Array.IndexOf(Severity, b) ? a : b;
}
