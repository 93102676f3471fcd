using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Nomination.Recommendations;

/// <summary>Counts a round, applies N5 (and combines its channels by N7), records it and announces the result, whether asked over HTTP or by a workflow.</summary>
public sealed class RecommendationRounds(NominationDbContext db, IOptions<NominationOptions> options, TimeProvider time)
{
    /// <summary>Adds the round and its result event to the unit of work; the caller saves.</summary>
    public Task<RecommendationRound> Conclude(ConcludeRecommendationRound command, string recordedBy, CancellationToken cancellationToken)
    {
        var verdict = RecommendationThreshold.Evaluate(command.MeetingVotesFor, command.MeetingBallotsCast,
            command.ConversationsFor, command.ConversationsHeld, options.Value.RecommendationThreshold);
        // N7: channels rank the candidates; the N5 gate above stays on the democratic recommendation proper.
        var channels = command.Channels is { Length: > 0 }
            ? WeightedRecommendation.WithMeetingBallot(command.Channels, command.MeetingVotesFor, command.MeetingBallotsCast)
            : [];
        var weightedScore = channels.Length > 0 ? WeightedRecommendation.Combine(channels, options.Value.ChannelWeights) : null;
        var round = new RecommendationRound
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            MeetingVotesFor = command.MeetingVotesFor,
            MeetingBallotsCast = command.MeetingBallotsCast,
            ConversationsFor = command.ConversationsFor,
            ConversationsHeld = command.ConversationsHeld,
            MeetingShare = verdict.MeetingShare,
            ConversationShare = verdict.ConversationShare,
            Passed = verdict.Passed,
            RuleId = verdict.RuleId,
            Reason = verdict.Reason,
            Channels = [.. channels],
            WeightedScore = weightedScore,
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.RecommendationRounds.Add(round);
        db.PublishViaOutbox(new RecommendationRoundConcluded(round.ProcedureId, round.TenantId, round.CadreId, round.Id,
            round.MeetingShare, round.ConversationShare, round.Passed ? Outcomes.Passed : Outcomes.Failed, round.RuleId, round.Reason, round.WeightedScore),
            partitionKey: round.CadreId.ToString());
        return Task.FromResult(round);
    }
}
