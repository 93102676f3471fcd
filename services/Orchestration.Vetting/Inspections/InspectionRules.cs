using Orchestration.ServiceDefaults.Commands;
namespace Orchestration.Vetting.Inspections;

/// <summary>
/// V1 — an inspection is announced in advance (考察预告: the announcement is recorded before the first day), is differential
/// (差额: more candidates than posts; a public selection sends three per post, configurable) and has a responsible team
/// leader (考察组长负责制), who is recorded for accountability (C2).
/// </summary>
public static class InspectionRules
{
    public static Refusal? CheckAnnouncement(DateOnly today, DateOnly startsOn, int posts, IReadOnlyCollection<Guid> candidates, Guid cadreId,
        string? teamLeader, bool publicSelection, int publicSelectionCandidatesPerPost)
    {
        if (startsOn <= today)
            return new("startsOn", "V1", $"The inspection starting on {startsOn:yyyy-MM-dd} must be announced before it starts; today is {today:yyyy-MM-dd}.");
        if (string.IsNullOrWhiteSpace(teamLeader))
            return new("teamLeader", "V1", "An inspection needs a responsible team leader (考察组长负责制).");
        if (posts < 1)
            return new("posts", "V1", "An inspection fills at least one post.");
        if (!candidates.Contains(cadreId))
            return new("candidates", "V1", "The candidate of the procedure must be on the inspected slate.");
        var distinct = candidates.Distinct().Count();
        if (publicSelection && distinct < posts * publicSelectionCandidatesPerPost)
            return new("candidates", "V1",
                $"A public selection sends {publicSelectionCandidatesPerPost} candidates per post: {posts} post(s) need {posts * publicSelectionCandidatesPerPost}, the slate has {distinct}.");
        if (distinct <= posts)
            return new("candidates", "V1", $"Inspection is differential (差额): {distinct} candidate(s) for {posts} post(s) is not more candidates than posts.");
        return null;
    }

    public static Refusal? CheckConclusion(DateOnly today, Inspection inspection, Guid cadreId)
    {
        if (!inspection.Candidates.Contains(cadreId))
            return new("cadreId", "V1", "The cadre is not on this inspection's slate.");
        if (today < inspection.StartsOn)
            return new("inspectionId", "V1", $"The inspection starts on {inspection.StartsOn:yyyy-MM-dd}; it has no finding before then.");
        return null;
    }
}
