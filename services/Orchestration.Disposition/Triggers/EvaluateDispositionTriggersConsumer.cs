using MassTransit;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Triggers;

/// <summary>A workflow's evaluation step; answers with <see cref="DispositionTriggersEvaluated"/>.</summary>
public sealed class EvaluateDispositionTriggersConsumer(DispositionDbContext db, TriggerEvaluations evaluations)
    : InboxConsumer<EvaluateDispositionTriggers, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<EvaluateDispositionTriggers> context, CancellationToken cancellationToken)
    {
        evaluations.Evaluate(context.Message);
        return Task.CompletedTask;
    }
}
