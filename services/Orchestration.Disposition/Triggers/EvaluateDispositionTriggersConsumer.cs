using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;

namespace Orchestration.Disposition.Triggers;

/// <summary>A workflow's evaluation step; answers with <see cref="DispositionTriggersEvaluated"/>, Failed (D2) for shares or counts out of range.</summary>
public sealed class EvaluateDispositionTriggersConsumer(DispositionDbContext db, TriggerEvaluations evaluations) : CommandConsumer<EvaluateDispositionTriggers, DispositionDbContext>(db)
{
    protected override string StepRule => "D2";

    protected override Task Apply(EvaluateDispositionTriggers command, string actor, CancellationToken cancellationToken)
    {
        evaluations.Evaluate(command);
        return Task.CompletedTask;
    }

    protected override (object Result, string? PartitionKey)? Refused(EvaluateDispositionTriggers command, CommandRefusal refusal) =>
        (new DispositionTriggersEvaluated(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, null, false, Outcomes.Failed, refusal.RuleId,
            refusal.Reason), command.CadreId.ToString());
}
