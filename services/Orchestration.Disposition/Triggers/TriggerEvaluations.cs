using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Triggers;

/// <summary>Evaluates D2, opens a case when a measure is called for, and announces the result.</summary>
public sealed class TriggerEvaluations(DispositionDbContext db, IOptions<DispositionOptions> options, TimeProvider time)
{
    /// <summary>Adds the evaluation, any case and the result event to the unit of work; the caller saves.</summary>
    public TriggerEvaluation Evaluate(EvaluateDispositionTriggers command)
    {
        var verdict = TriggerRules.Evaluate(command.SatisfactionShare, command.DissatisfactionShare, command.IncompetentShare,
            command.BottomGroupYearsRunning, options.Value);
        var now = time.GetUtcNow();
        var reason = verdict.Fired.Count > 0 ? string.Join("; ", verdict.Fired) : null;
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
            MayBeRatedExcellent = verdict.MayBeRatedExcellent,
            Outcome = verdict.Outcome,
            Reason = reason,
            EvaluatedAt = now,
        };
        db.Evaluations.Add(evaluation);

        if (verdict.Outcome != DispositionOutcomes.NoAction)
        {
            var @case = new DispositionCase
            {
                Id = Guid.CreateVersion7(),
                TenantId = command.TenantId,
                CadreId = command.CadreId,
                ProcedureId = command.ProcedureId,
                Source = "assessment-and-evaluation",
                ProposedMeasure = verdict.Outcome,
                Step = "Initiation",
                Grounds = reason!,
                OpenedAt = now,
            };
            db.Cases.Add(@case);
            evaluation.CaseId = @case.Id;
        }

        db.PublishViaOutbox(new DispositionTriggersEvaluated(evaluation.ProcedureId, evaluation.TenantId, evaluation.CadreId, evaluation.Id,
            evaluation.CaseId, evaluation.MayBeRatedExcellent, evaluation.Outcome, reason is null ? null : "D2", reason),
            partitionKey: evaluation.CadreId.ToString());
        return evaluation;
    }
}
