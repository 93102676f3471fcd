namespace Orchestration.Nomination.Recommendations;

/// <summary>The verdict on one nominee's democratic recommendation.</summary>
public sealed record RecommendationVerdict(bool Passed, decimal MeetingShare, decimal? ConversationShare, string? RuleId, string? Reason);

/// <summary>
/// N5 — a nominee whose democratic-recommendation share is below the threshold (50%) cannot become an inspection
/// candidate; where both a meeting ballot and conversation recommendation are held, both must exceed it (双过半).
/// A single channel at exactly the threshold passes ("below" fails); with both channels, exactly the threshold in either fails
/// ("exceed").
/// </summary>
public static class RecommendationThreshold
{
    public static RecommendationVerdict Evaluate(int meetingVotesFor, int meetingBallotsCast, int? conversationsFor, int? conversationsHeld, decimal threshold)
    {
        var meetingShare = Share(meetingVotesFor, meetingBallotsCast);
        if (conversationsHeld is not { } held || conversationsFor is not { } votes)
        {
            return meetingShare >= threshold
                ? new(true, meetingShare, null, null, null)
                : new(false, meetingShare, null, "N5", $"The meeting ballot share {meetingShare:P2} is below {threshold:P0}.");
        }

        var conversationShare = Share(votes, held);
        if (meetingShare > threshold && conversationShare > threshold)
            return new(true, meetingShare, conversationShare, null, null);

        return new(false, meetingShare, conversationShare, "N5",
            $"Both channels must exceed {threshold:P0} (双过半): meeting ballots {meetingShare:P2}, conversations {conversationShare:P2}.");
    }

    static decimal Share(int votes, int total) => total == 0 ? 0m : Math.Round((decimal)votes / total, 6);
}
