using FluentValidation;
using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.Measures;

/// <summary>
/// D4/C1 — an admonishment talk (诫勉谈话) names its case, the day it was held (D6: the case's life is checked when applied), who held
/// it and what was said. Over HTTP and over the bus alike.
/// </summary>
public sealed class RecordAdmonishmentTalkValidator : AbstractValidator<RecordAdmonishmentTalk>
{
    public RecordAdmonishmentTalkValidator()
    {
        RuleFor(t => t.CaseId).NotEmpty().WithErrorCode("D4");
        RuleFor(t => t.HeldOn).NotEmpty().WithErrorCode("D6").WithMessage("The admonishment talk says on which day it was held.");
        RuleFor(t => t.HeldBy).NotEmpty().WithErrorCode("C1").MaximumLength(ShortPathRules.MaxWho).WithErrorCode("C1")
            .WithMessage($"Say who held the admonishment talk (at most {ShortPathRules.MaxWho} characters).");
        RuleFor(t => t.Notes).NotEmpty().WithErrorCode("C1").MaximumLength(ShortPathRules.MaxNotes).WithErrorCode("C1")
            .WithMessage($"Record what was said (at most {ShortPathRules.MaxNotes} characters).");
    }
}
