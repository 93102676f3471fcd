using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.FollowUp;

public sealed record FollowUpVerdict(bool Allowed, string? RuleId, string? Field, string Reason);

/// <summary>
/// D6 — follow-up of a disposed cadre: monthly talks, quarterly revisits and the annual assessment go on a ledger once the case is
/// filed (D3's last step); reinstatement (重新提拔使用) needs a passed strict inspection and revisits in at least
/// <see cref="DispositionOptions.ReinstatementRevisitQuarters"/> different quarters (4 by default).
/// </summary>
public static class FollowUpRules
{
    public static FollowUpVerdict CanRecord(string caseStep, bool reinstated) =>
        reinstated ? new(false, "D6", "caseId", "The cadre was reinstated; the ledger is closed.")
        : caseStep != DispositionSteps.FilingAndTracking
            ? new(false, "D6", "caseId", $"Follow-up starts when the case is filed; it is at {caseStep}.")
            : new(true, null, null, "recorded");

    /// <summary>D6: a ledger line says when, by whom and what was said (a workflow's command is not validated by the HTTP layer).</summary>
    public static FollowUpVerdict Entry(DateOnly heldOn, string? heldBy, string? notes) =>
        heldOn == default ? new(false, "D6", "heldOn", "A ledger line says when the talk or revisit was held.")
        : string.IsNullOrWhiteSpace(heldBy) || heldBy.Length > MaxHeldBy
            ? new(false, "D6", "heldBy", $"A ledger line says who held the talk or revisit (at most {MaxHeldBy} characters).")
        : string.IsNullOrWhiteSpace(notes) || notes.Length > MaxNotes
            ? new(false, "D6", "notes", $"A ledger line records what was said (at most {MaxNotes} characters).")
            : new(true, null, null, "recorded");

    public const int MaxHeldBy = 200;

    public const int MaxNotes = 2000;

    /// <summary>Quarters with at least one revisit: two revisits in one quarter count once.</summary>
    public static int QuartersRevisited(IEnumerable<DateOnly> revisits) => revisits.Select(d => (d.Year, (d.Month - 1) / 3)).Distinct().Count();

    public static FollowUpVerdict Reinstatement(string caseStep, bool reinstated, int quartersRevisited, bool inspectionPassed, DispositionOptions options)
    {
        if (CanRecord(caseStep, reinstated) is { Allowed: false } closed) return closed;
        if (quartersRevisited < options.ReinstatementRevisitQuarters)
            return new(false, "D6", "caseId",
                $"Revisits in {quartersRevisited} quarter(s) on the ledger; reinstatement needs {options.ReinstatementRevisitQuarters}.");
        if (!inspectionPassed) return new(false, "D6", "inspectionPassed", "Reinstatement needs a passed inspection.");
        return new(true, null, null, $"inspection passed after {quartersRevisited} quarters of revisits");
    }
}
