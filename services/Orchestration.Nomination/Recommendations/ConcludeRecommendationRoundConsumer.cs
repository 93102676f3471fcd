using MassTransit;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Nomination.Recommendations;

/// <summary>A workflow's request to count a round; answers with <see cref="RecommendationRoundConcluded"/>.</summary>
public sealed class ConcludeRecommendationRoundConsumer(NominationDbContext db, RecommendationRounds recommendations)
    : InboxConsumer<ConcludeRecommendationRound, NominationDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<ConcludeRecommendationRound> context, CancellationToken cancellationToken)
    {
        recommendations.Conclude(context.Message, recordedBy: $"workflow:{context.Message.ProcedureId}");
        return Task.CompletedTask;
    }
}
