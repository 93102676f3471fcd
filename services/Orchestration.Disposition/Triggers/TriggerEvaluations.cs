using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Triggers;

/// <summary>Evaluates D2, opens a case when a measure is called for (D1: assessment and evaluation results), and announces the result.</summary>
public sealed class TriggerEvaluations(DispositionDbContext db, DispositionCases cases, IOptions<DispositionOptions> options, TimeProvider time)
{
    /// <summary>Adds the evaluation, any case and the result event to the unit of work; the caller saves.</summary>
    public TriggerEvaluation Evaluate(EvaluateDispositionTriggers command)
    {
        var verdict = TriggerRules.Evaluate(new EvaluationResults(command.SatisfactionShare, command.DissatisfactionShare, command.IncompetentShare,
            command.BottomGroupYearsRunning, command.SpecialAssessmentBottomTimesRunning, command.PartyConductFailuresRunning,
            command.RatedUnsatisfactoryInReview, command.LastInPerformanceReview), options.Value);
        var reason = verdict.Fired.Count > 0 ? string.Join("; ", verdict.Fired.Select(f => f.Description)) : null;
        var evaluation = new TriggerEvaluation
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            SatisfactionShare = command.SatisfactionShare,
            DissatisfactionShare = command.DissatisfactionShare,
            IncompetentShare = command.IncompetentShare,
            BottomGroupYearsRunning = command.BottomGroupYearsRunning,
            SpecialAssessmentBottomTimesRunning = command.SpecialAssessmentBottomTimesRunning,
            PartyConductFailuresRunning = command.PartyConductFailuresRunning,
            RatedUnsatisfactoryInReview = command.RatedUnsatisfactoryInReview,
            LastInPerformanceReview = command.LastInPerformanceReview,
            MayBeRatedExcellent = verdict.MayBeRatedExcellent,
            Outcome = verdict.Outcome,
            FiredTriggers = verdict.Fired.Select(f => f.Code).ToList(),
            Reason = reason,
            EvaluatedAt = time.GetUtcNow(),
        };
        db.Evaluations.Add(evaluation);

        if (verdict.Outcome != DispositionOutcomes.NoAction)
        {
            var @case = cases.New(command.TenantId, command.CadreId, command.ProcedureId, CaseSources.AssessmentAndEvaluation, verdict.Outcome,
                reason!, sourceReference: evaluation.Id.ToString());
            cases.AnnounceOpened(@case, $"opened from {CaseSources.AssessmentAndEvaluation}: {reason}");
            evaluation.CaseId = @case.Id;
        }

        db.PublishViaOutbox(new DispositionTriggersEvaluated(evaluation.ProcedureId, evaluation.TenantId, evaluation.CadreId, evaluation.Id,
            evaluation.CaseId, evaluation.MayBeRatedExcellent, evaluation.Outcome, reason is null ? null : "D2", reason, evaluation.FiredTriggers),
            partitionKey: evaluation.CadreId.ToString());
        return evaluation;
    }
}

/// <summary>D2: shares are fractions and counts are not negative; over HTTP and over the bus alike.</summary>
public sealed class EvaluateDispositionTriggersValidator : AbstractValidator<EvaluateDispositionTriggers>
{
    public EvaluateDispositionTriggersValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty().MaximumLength(100);
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.SatisfactionShare).InclusiveBetween(0, 1).WithErrorCode("D2").WithMessage("A share is between 0 and 1.");
        RuleFor(c => c.DissatisfactionShare).InclusiveBetween(0, 1).WithErrorCode("D2").WithMessage("A share is between 0 and 1.");
        RuleFor(c => c.IncompetentShare).InclusiveBetween(0, 1).WithErrorCode("D2").WithMessage("A share is between 0 and 1.");
        RuleFor(c => c.SatisfactionShare + c.DissatisfactionShare).LessThanOrEqualTo(1).OverridePropertyName("dissatisfactionShare")
            .WithErrorCode("D2").WithMessage("Satisfied and dissatisfied shares add up to more than 100%.");
        RuleFor(c => c.BottomGroupYearsRunning).GreaterThanOrEqualTo(0).WithErrorCode("D2");
        RuleFor(c => c.SpecialAssessmentBottomTimesRunning).GreaterThanOrEqualTo(0).WithErrorCode("D2");
        RuleFor(c => c.PartyConductFailuresRunning).GreaterThanOrEqualTo(0).WithErrorCode("D2");
    }
}
