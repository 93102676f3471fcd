using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Evaluations;

/// <summary>The years village pay is evaluated, graded and paid for; -1, 0 or 21 would lock a year that never comes.</summary>
public static class PayYears
{
    public const int First = 2000;
    public const int Last = 2100;

    public static IRuleBuilderOptions<T, int> PayYear<T>(this IRuleBuilder<T, int> rule, string ruleId) =>
        rule.InclusiveBetween(First, Last).WithErrorCode(ruleId).WithMessage((_, year) => $"The year is between {First} and {Last}, not {year}.");
}

/// <summary>
/// P2 — a quarterly evaluation scores each village of one township once, between 0 and the maximum score, in quarter 1 to 4 of a year.
/// Whether the villages are the township's and the quarter is not evaluated yet is checked against the records.
/// </summary>
public sealed class RecordQuarterlyEvaluationValidator : AbstractValidator<RecordQuarterlyEvaluation>
{
    public RecordQuarterlyEvaluationValidator(IOptions<VillagePayOptions> options)
    {
        var maximum = options.Value.MaximumScore;
        RuleFor(e => e.Township).NotEmpty().WithErrorCode("P2").MaximumLength(200);
        RuleFor(e => e.Year).PayYear("P2");
        RuleFor(e => e.Quarter).InclusiveBetween(EvaluationRules.AnnualEvaluation, EvaluationRules.QuartersPerYear).WithErrorCode("P2")
            .WithMessage("The quarter is 1 to 4, or 0 for the annual evaluation (年度考评).");
        RuleFor(e => e.Scores).Cascade(CascadeMode.Stop).NotEmpty().WithErrorCode("P2").WithMessage("A quarterly evaluation scores at least one village.")
            .Must(scores => scores.DistinctBy(s => s.VillageId).Count() == scores.Length).WithErrorCode("P2")
            .WithMessage("A village is scored once per quarter.");
        RuleForEach(e => e.Scores).NotNull().ChildRules(score =>
        {
            score.RuleFor(s => s.VillageId).NotEmpty().WithErrorCode("P2");
            score.RuleFor(s => s.Score).InclusiveBetween(0m, maximum).WithErrorCode("P2").WithMessage($"A score is between 0 and {maximum}.");
        });
    }
}

/// <summary>P2 — the publicity closed is an evaluation's.</summary>
public sealed class CloseEvaluationPublicityValidator : AbstractValidator<CloseEvaluationPublicity>
{
    public CloseEvaluationPublicityValidator() => RuleFor(c => c.EvaluationId).NotEmpty().WithErrorCode("P2");
}

/// <summary>
/// C4 — a verification names the evaluation, what it found and how; upheld objections correct at least one score, each village once,
/// within the score range; objections found not affecting correct none. Whether the villages were scored is checked against the records.
/// </summary>
public sealed class VerifyEvaluationObjectionsValidator : AbstractValidator<VerifyEvaluationObjections>
{
    public VerifyEvaluationObjectionsValidator(IOptions<VillagePayOptions> options)
    {
        var maximum = options.Value.MaximumScore;
        RuleFor(v => v.EvaluationId).NotEmpty().WithErrorCode("C4");
        RuleFor(v => v.Finding).IsInEnum().WithErrorCode("C4");
        RuleFor(v => v.Findings).NotEmpty().WithErrorCode("C4").WithMessage("The verification states what was checked and found.").MaximumLength(4000);
        RuleFor(v => v.CorrectedScores).NotEmpty().WithErrorCode("C4")
            .WithMessage("Upheld objections correct the scores they dispute: name at least one corrected score.")
            .When(v => v.Finding == ObjectionFinding.Upheld);
        RuleFor(v => v.CorrectedScores).Empty().WithErrorCode("C4")
            .WithMessage("Objections found not affecting leave the scores as they are: correct none.")
            .When(v => v.Finding == ObjectionFinding.NotAffecting);
        RuleFor(v => v.CorrectedScores).Must(scores => scores!.DistinctBy(s => s.VillageId).Count() == scores!.Length).WithErrorCode("C4")
            .WithMessage("A village's score is corrected once.")
            .When(v => v.CorrectedScores is { Length: > 0 } scores && scores.All(s => s is not null));
        RuleForEach(v => v.CorrectedScores).NotNull().ChildRules(score =>
        {
            score.RuleFor(s => s.VillageId).NotEmpty().WithErrorCode("C4");
            score.RuleFor(s => s.Score).InclusiveBetween(0m, maximum).WithErrorCode("C4").WithMessage($"A score is between 0 and {maximum}.");
        });
    }
}

/// <summary>P2 — a township is graded for a year.</summary>
public sealed class GradeTownshipValidator : AbstractValidator<GradeTownship>
{
    public GradeTownshipValidator()
    {
        RuleFor(g => g.Township).NotEmpty().WithErrorCode("P2").MaximumLength(200);
        RuleFor(g => g.Year).PayYear("P2");
    }
}

/// <summary>P2 — a principal is graded excellent, basically competent or incompetent for a year.</summary>
public sealed class GradeVillagePrincipalValidator : AbstractValidator<GradeVillagePrincipal>
{
    public GradeVillagePrincipalValidator()
    {
        RuleFor(g => g.VillageId).NotEmpty().WithErrorCode("P2");
        RuleFor(g => g.Year).PayYear("P2");
        RuleFor(g => g.Grade).IsInEnum().WithErrorCode("P2");
    }
}
