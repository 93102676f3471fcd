using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Recommendations;

/// <summary>
/// N7 — combines the recommendation channels into one score: each channel's share (for / total) times its weight, divided by
/// the weights of the channels actually held (a channel not held does not count as zero).
/// </summary>
public static class WeightedRecommendation
{
    public static decimal? Combine(IEnumerable<ChannelResult> channels, ChannelWeights weights)
    {
        decimal weighted = 0m, weightHeld = 0m;
        foreach (var channel in channels)
        {
            if (channel.Total <= 0) continue; // not held; the API refuses it with N7, a workflow's command is read leniently
            var share = (decimal)Math.Clamp(channel.For, 0, channel.Total) / channel.Total;
            var weight = weights.Of(channel.Channel);
            weighted += weight * share;
            weightHeld += weight;
        }
        return weightHeld == 0m ? null : Math.Round(weighted / weightHeld, 6);
    }

    /// <summary>The channels of a round: the meeting ballot is the mass-recommendation channel unless that channel was counted separately.</summary>
    public static ChannelResult[] WithMeetingBallot(IEnumerable<ChannelResult> channels, int meetingVotesFor, int meetingBallotsCast)
    {
        var list = channels.ToList();
        if (list.All(c => c.Channel != RecommendationChannel.MassRecommendation))
            list.Insert(0, new ChannelResult(RecommendationChannel.MassRecommendation, meetingVotesFor, meetingBallotsCast));
        return [.. list];
    }
}
