using FluentValidation;
using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.FollowUp;

/// <summary>The annual assessment's result on the ledger (D6); no procedure waits for it.</summary>
public sealed record RecordAnnualAssessment(string TenantId, Guid CaseId, DateOnly HeldOn, string HeldBy, string Notes) : IFollowUpEntryCommand
{
    public Guid ProcedureId => Guid.Empty;
}

/// <summary>D6 — a ledger line says when, by whom and what was said; over HTTP and over the bus alike.</summary>
public abstract class FollowUpEntryValidator<TCommand> : AbstractValidator<TCommand> where TCommand : IFollowUpEntryCommand
{
    protected FollowUpEntryValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty().WithErrorCode("D6").WithMessage("A ledger line names its case.");
        RuleFor(c => c.HeldOn).NotEmpty().WithErrorCode("D6").WithMessage("A ledger line says when the talk or revisit was held.");
        var heldBy = $"A ledger line says who held the talk or revisit (at most {FollowUpRules.MaxHeldBy} characters).";
        RuleFor(c => c.HeldBy).NotEmpty().WithErrorCode("D6").WithMessage(heldBy)
            .MaximumLength(FollowUpRules.MaxHeldBy).WithErrorCode("D6").WithMessage(heldBy);
        var notes = $"A ledger line records what was said (at most {FollowUpRules.MaxNotes} characters).";
        RuleFor(c => c.Notes).NotEmpty().WithErrorCode("D6").WithMessage(notes)
            .MaximumLength(FollowUpRules.MaxNotes).WithErrorCode("D6").WithMessage(notes);
    }
}

public sealed class RecordFollowUpTalkValidator : FollowUpEntryValidator<RecordFollowUpTalk>;

public sealed class RecordRevisitValidator : FollowUpEntryValidator<RecordRevisit>;

public sealed class RecordAnnualAssessmentValidator : FollowUpEntryValidator<RecordAnnualAssessment>;

/// <summary>D6 — a reinstatement names its case and, when it cites the inspection, a reference of at most 200 characters.</summary>
public sealed class ReinstateCadreValidator : AbstractValidator<ReinstateCadre>
{
    public ReinstateCadreValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty().WithErrorCode("D6").WithMessage("A reinstatement names its case.");
        RuleFor(c => c.InspectionReference).MaximumLength(FollowUps.MaxInspectionReference).WithErrorCode("D6");
    }
}
