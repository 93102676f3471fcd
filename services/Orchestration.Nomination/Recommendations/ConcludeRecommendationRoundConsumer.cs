using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Nomination.Recommendations;

/// <summary>A procedure's request to count a round; answers with <see cref="RecommendationRoundConcluded"/>.</summary>
public sealed class ConcludeRecommendationRoundConsumer(NominationDbContext db, RecommendationRounds recommendations)
    : CommandConsumer<ConcludeRecommendationRound, NominationDbContext>(db)
{
    protected override string StepRule => "N5";

    protected override Task Apply(ConcludeRecommendationRound command, string actor, CancellationToken cancellationToken) =>
        recommendations.Conclude(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ConcludeRecommendationRound command, CommandRefusal refusal) =>
        (new RecommendationRoundConcluded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, 0, null, Outcomes.Failed, refusal.RuleId,
            refusal.Reason), command.CadreId.ToString());
}
