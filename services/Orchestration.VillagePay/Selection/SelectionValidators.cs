using FluentValidation;
using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Evaluations;

namespace Orchestration.VillagePay.Selection;

/// <summary>P3 — a year's selection, with places when the department sets more than the 5% minimum.</summary>
public sealed class OpenSelectionRoundValidator : AbstractValidator<OpenSelectionRound>
{
    public OpenSelectionRoundValidator()
    {
        RuleFor(r => r.Year).PayYear("P3");
        RuleFor(r => r.Places).GreaterThan(0).When(r => r.Places is not null).WithErrorCode("P3");
    }
}

/// <summary>P3 — a stage after the applications decides which applications of a round go on.</summary>
public sealed class AdvanceSelectionValidator : AbstractValidator<AdvanceSelection>
{
    public AdvanceSelectionValidator()
    {
        RuleFor(a => a.RoundId).NotEmpty().WithErrorCode("P3");
        RuleFor(a => a.Stage).IsInEnum().WithErrorCode("P3")
            .NotEqual(SelectionStage.Applications).WithErrorCode("P3").WithMessage("Applications are filed one by one, not decided as a stage.");
        RuleFor(a => a.Advancing).NotNull().WithErrorCode("P3");
        RuleFor(a => a.Grounds).MaximumLength(4000);
    }
}

/// <summary>P3 — the yearly review of a year's awards.</summary>
public sealed class RenewInstitutionPayValidator : AbstractValidator<RenewInstitutionPay>
{
    public RenewInstitutionPayValidator() => RuleFor(r => r.Year).PayYear("P3");
}
