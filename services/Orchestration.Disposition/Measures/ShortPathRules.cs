using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Steps;

namespace Orchestration.Disposition.Measures;

/// <summary>
/// D2/D4 — admonishment (诫勉) and suspension for examination (停职检查) are measures of their own, with short paths instead of the six
/// steps: an admonishment case is the one admonishment talk, recorded once with who held it and the day; a suspension case is the
/// suspension's start and its lifting. Dissatisfaction over 20% (超过, so 20% itself does not) opens an admonishment case, not a case
/// whose decision must pick demotion or removal.
/// </summary>
public static class ShortPathRules
{
    public static bool IsShortPath(string? proposedMeasure) =>
        proposedMeasure is nameof(DispositionMeasure.Admonishment) or nameof(DispositionMeasure.SuspensionForExamination);

    /// <summary>D3/D4: a short-path case refuses the six steps.</summary>
    public static StepVerdict? RefuseSixSteps(string proposedMeasure) => proposedMeasure switch
    {
        nameof(DispositionMeasure.Admonishment) =>
            new(false, "D4", "step", "An admonishment case (诫勉) takes the admonishment talk, not the six steps."),
        nameof(DispositionMeasure.SuspensionForExamination) =>
            new(false, "D4", "step", "A suspension case (停职检查) records the suspension and its lifting, not the six steps."),
        _ => null,
    };

    /// <summary>D4: the admonishment talk, once, on an admonishment case; D6: dated within the case's life; C1: who held it and notes.</summary>
    public static StepVerdict Talk(string proposedMeasure, string currentStep, bool talkOnRecord, DateOnly openedOn, DateOnly today, DateOnly heldOn,
        string? heldBy, string? notes)
    {
        if (proposedMeasure != nameof(DispositionMeasure.Admonishment))
            return new(false, "D4", "caseId", "Only an admonishment case (诫勉) takes an admonishment talk; decide other cases through the six steps.");
        if (talkOnRecord || currentStep != DispositionSteps.Initiation)
            return new(false, "D4", "caseId", "The admonishment talk is recorded once; it is on record.");
        return Dated(openedOn, today, heldOn, "heldOn", "admonishment talk") ?? Said(heldBy, notes, "heldBy") ?? new(true, null, null, "admonishment talk recorded");
    }

    /// <summary>D4: a suspension starts once, on a suspension case, within the case's life.</summary>
    public static StepVerdict Suspend(string proposedMeasure, string currentStep, DateOnly openedOn, DateOnly today, DateOnly startedOn, string? decidedBy,
        string? notes)
    {
        if (proposedMeasure != nameof(DispositionMeasure.SuspensionForExamination))
            return new(false, "D4", "caseId", "Only a suspension case (停职检查) suspends the cadre.");
        if (currentStep != DispositionSteps.Initiation)
            return new(false, "D4", "caseId", $"The suspension is recorded once; the case is at {currentStep}.");
        return Dated(openedOn, today, startedOn, "startedOn", "suspension") ?? Said(decidedBy, notes, "decidedBy")
            ?? new(true, null, null, "suspended for examination");
    }

    /// <summary>D4: the suspension is lifted once, on or after its start and not after today.</summary>
    public static StepVerdict Lift(string currentStep, DateOnly startedOn, DateOnly today, DateOnly liftedOn, string? conclusion)
    {
        if (currentStep != DispositionSteps.Suspension)
            return new(false, "D4", "caseId", currentStep == DispositionSteps.SuspensionLifted
                ? "The suspension was already lifted."
                : "Only a suspended cadre's suspension is lifted.");
        return Dated(startedOn, today, liftedOn, "liftedOn", "lifting") ?? Said("examination", conclusion, "conclusion")
            ?? new(true, null, null, "suspension lifted");
    }

    /// <summary>D6: a dated act of a case lies between the case's start and the county's today.</summary>
    public static StepVerdict? Dated(DateOnly from, DateOnly today, DateOnly on, string field, string what) =>
        on == default ? new(false, "D6", field, $"The {what} says on which day it was held.")
        : on < from ? new(false, "D6", field, $"The {what} cannot be dated {on:yyyy-MM-dd}, before {from:yyyy-MM-dd}.")
        : on > today ? new(false, "D6", field, $"The {what} cannot be dated {on:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).")
        : null;

    static StepVerdict? Said(string? who, string? notes, string whoField) =>
        string.IsNullOrWhiteSpace(who) || who.Length > MaxWho ? new(false, "C1", whoField, $"Say who held it (at most {MaxWho} characters).")
        : string.IsNullOrWhiteSpace(notes) || notes.Length > MaxNotes ? new(false, "C1", "notes", $"Record what was said (at most {MaxNotes} characters).")
        : null;

    public const int MaxWho = 200;

    public const int MaxNotes = 2000;
}
