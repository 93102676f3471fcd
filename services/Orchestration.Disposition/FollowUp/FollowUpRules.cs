using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Steps;

namespace Orchestration.Disposition.FollowUp;

/// <summary>
/// D6 — follow-up of a disposed cadre: monthly talks, quarterly revisits and the annual assessment go on a ledger once the case is
/// filed (D3's last step), dated between the measure's decision and today, one revisit per quarter since the measure; reinstatement
/// (重新提拔使用) needs a passed strict inspection, revisits in at least <see cref="DispositionOptions.ReinstatementRevisitQuarters"/>
/// different quarters since the measure (4 by default) and the measure's bar run out (<see cref="Measures.MeasureBarRules"/>).
/// </summary>
public static class FollowUpRules
{
    public static StepVerdict CanRecord(string caseStep, bool reinstated) =>
        reinstated ? new(false, "D6", "caseId", "The cadre was reinstated; the ledger is closed.")
        : caseStep != DispositionSteps.FilingAndTracking
            ? new(false, "D6", "caseId", $"Follow-up starts when the case is filed; it is at {caseStep}.")
            : new(true, null, null, "recorded");

    /// <summary>D6: a ledger line says when, by whom and what was said (a workflow's command is not validated by the HTTP layer).</summary>
    public static StepVerdict Entry(DateOnly heldOn, string? heldBy, string? notes) =>
        heldOn == default ? new(false, "D6", "heldOn", "A ledger line says when the talk or revisit was held.")
        : string.IsNullOrWhiteSpace(heldBy) || heldBy.Length > MaxHeldBy
            ? new(false, "D6", "heldBy", $"A ledger line says who held the talk or revisit (at most {MaxHeldBy} characters).")
        : string.IsNullOrWhiteSpace(notes) || notes.Length > MaxNotes
            ? new(false, "D6", "notes", $"A ledger line records what was said (at most {MaxNotes} characters).")
            : new(true, null, null, "recorded");

    public const int MaxHeldBy = 200;

    public const int MaxNotes = 2000;

    /// <summary>
    /// D6: the quarter of elapsed time since the measure a day falls in: 0 from the decision day for three months, 1 for the next three, ….
    /// </summary>
    public static int QuarterSinceMeasure(DateOnly decidedOn, DateOnly on)
    {
        var months = (on.Year - decidedOn.Year) * 12 + on.Month - decidedOn.Month;
        if (decidedOn.AddMonths(months) > on) months--;
        return months / 3;
    }

    /// <summary>Quarters since the measure with a revisit: two revisits in one such quarter count once.</summary>
    public static int QuartersRevisited(DateOnly decidedOn, IEnumerable<DateOnly> revisits) =>
        revisits.Where(d => d >= decidedOn).Select(d => QuarterSinceMeasure(decidedOn, d)).Distinct().Count();

    /// <summary>
    /// D6: a ledger line is dated within the case's life: on or after the measure's decision, not after the county's today. A revisit
    /// (组织部门每季度回访一次) is one per quarter of elapsed time since the measure: a second one in the same quarter is refused.
    /// </summary>
    public static StepVerdict Dated(string kind, DateOnly decidedOn, DateOnly today, DateOnly heldOn, IEnumerable<DateOnly> earlierRevisits)
    {
        if (heldOn < decidedOn)
            return new(false, "D6", "heldOn", $"The follow-up cannot be dated {heldOn:yyyy-MM-dd}, before the measure was decided on {decidedOn:yyyy-MM-dd}.");
        if (heldOn > today)
            return new(false, "D6", "heldOn", $"The follow-up cannot be dated {heldOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
        if (kind != FollowUpKinds.Revisit) return new(true, null, null, "recorded");
        var quarter = QuarterSinceMeasure(decidedOn, heldOn);
        var from = decidedOn.AddMonths(3 * quarter);
        return earlierRevisits.Any(d => d >= decidedOn && QuarterSinceMeasure(decidedOn, d) == quarter)
            ? new(false, "D6", "heldOn",
                $"A revisit is quarterly: quarter {quarter + 1} since the measure ({from:yyyy-MM-dd} to {from.AddMonths(3).AddDays(-1):yyyy-MM-dd}) has one.")
            : new(true, null, null, "recorded");
    }

    public static StepVerdict Reinstatement(string caseStep, bool reinstated, int quartersRevisited, bool inspectionPassed, DispositionOptions options)
    {
        if (CanRecord(caseStep, reinstated) is { Allowed: false } closed) return closed;
        if (quartersRevisited < options.ReinstatementRevisitQuarters)
            return new(false, "D6", "caseId",
                $"Revisits in {quartersRevisited} quarter(s) on the ledger; reinstatement needs {options.ReinstatementRevisitQuarters}.");
        if (!inspectionPassed) return new(false, "D6", "inspectionPassed", "Reinstatement needs a passed inspection.");
        return new(true, null, null, $"inspection passed after {quartersRevisited} quarters of revisits");
    }
}
