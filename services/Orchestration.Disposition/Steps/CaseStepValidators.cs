using FluentValidation;
using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.Steps;

/// <summary>C1 — every D3 step after initiation names its case and records what was done, over HTTP and over the bus alike.</summary>
public abstract class CaseStepValidator<TCommand> : AbstractValidator<TCommand> where TCommand : ICaseStepCommand
{
    protected CaseStepValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty().WithErrorCode("D3").WithMessage("A step names its case.");
        var notes = $"A step is recorded with notes of at most {CaseSteps.MaxNotes} characters.";
        RuleFor(c => c.Notes).NotEmpty().WithErrorCode("C1").WithMessage(notes)
            .MaximumLength(CaseSteps.MaxNotes).WithErrorCode("C1").WithMessage(notes);
    }
}

public sealed class InvestigateDispositionCaseValidator : CaseStepValidator<InvestigateDispositionCase>;

public sealed class AnalyseDispositionCaseValidator : CaseStepValidator<AnalyseDispositionCase>;

public sealed class HoldDispositionNotificationTalkValidator : CaseStepValidator<HoldDispositionNotificationTalk>;

public sealed class FileDispositionCaseValidator : CaseStepValidator<FileDispositionCase>;

/// <summary>D4 — the decision takes one of the measures.</summary>
public sealed class DecideDispositionCaseValidator : CaseStepValidator<DecideDispositionCase>
{
    public DecideDispositionCaseValidator() =>
        RuleFor(c => c.Measure).NotNull().WithErrorCode("D4").WithMessage("The decision takes one of the D4 measures.")
            .IsInEnum().WithErrorCode("D4").WithMessage("The decision takes one of the D4 measures.");
}
