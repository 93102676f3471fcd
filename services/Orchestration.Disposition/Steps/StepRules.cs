using Orchestration.Contracts.Disposition;
using Orchestration.ServiceDefaults.Http;

namespace Orchestration.Disposition.Steps;

/// <summary>Whether a step may be taken, and the rule and field that refuse it.</summary>
public sealed record StepVerdict(bool Allowed, string? RuleId, string? Field, string Reason)
{
    /// <summary>Goes on when allowed; otherwise refuses the command, on either door, naming the field and the rule.</summary>
    public void Enforce()
    {
        if (!Allowed) throw new RuleViolationException(Field ?? "", RuleId ?? "", Reason);
    }
}

/// <summary>
/// D3 — the six steps strictly in order: initiation → investigation → analysis → decision → notification talk → filing and
/// tracking; nothing is skipped or repeated. D4 — the decision, and only the decision, takes one of the measures; an admonishment or a
/// suspension case takes its own short path instead (<see cref="Measures.ShortPathRules"/>).
/// </summary>
public static class StepRules
{
    public static StepVerdict Check(string currentStep, string requestedStep, DispositionMeasure? measure, bool reinstated = false,
        string? proposedMeasure = null)
    {
        if (reinstated) return new(false, "D6", "step", "The cadre was reinstated; the case is closed.");
        if (proposedMeasure is not null && Measures.ShortPathRules.RefuseSixSteps(proposedMeasure) is { } shortPath) return shortPath;
        var current = Array.IndexOf(DispositionSteps.InOrder.ToArray(), currentStep);
        var requested = Array.IndexOf(DispositionSteps.InOrder.ToArray(), requestedStep);
        if (requested <= 0)
            return new(false, "D3", "step", $"A step is one of {string.Join(", ", DispositionSteps.InOrder.Skip(1))}; initiation opens the case.");
        if (requested != current + 1)
        {
            var next = current + 1 < DispositionSteps.InOrder.Count ? DispositionSteps.InOrder[current + 1] : null;
            return new(false, "D3", "step", next is null
                ? $"The case is filed; {requestedStep} cannot follow."
                : $"The case is at {currentStep}: the next step is {next}, not {requestedStep}.");
        }

        if (requestedStep == DispositionSteps.Decision && measure is null)
            return new(false, "D4", "measure", "The decision takes one of the D4 measures.");
        if (requestedStep != DispositionSteps.Decision && measure is not null)
            return new(false, "D4", "measure", "Only the decision step takes a measure.");
        return new(true, null, null, $"{requestedStep} recorded");
    }
}
