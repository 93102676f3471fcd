using Orchestration.Contracts.Vetting;
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

    /// <summary>
    /// V1 — the six items the notice makes public (六公开): the period (the start, checked above, and an end not before it), the posts,
    /// and the content, procedure, standard and requirements.
    /// </summary>
    public static Refusal? CheckNotice(DateOnly startsOn, InspectionNotice? notice)
    {
        if (notice is null)
            return new("notice", "V1", "The inspection notice makes public its period, content, procedure, standard, posts and requirements (六公开).");
        if (notice.EndsOn < startsOn)
            return new("notice.endsOn", "V1", $"The inspection ends on {notice.EndsOn:yyyy-MM-dd}, before it starts on {startsOn:yyyy-MM-dd}.");
        foreach (var (field, text) in new[] { ("content", notice.Content), ("procedure", notice.Procedure), ("standard", notice.Standard), ("requirements", notice.Requirements) })
            if (string.IsNullOrWhiteSpace(text))
                return new($"notice.{field}", "V1", $"The inspection notice makes its {field} public (六公开).");
        return null;
    }

    /// <summary>V1 — results are fed back to a candidate the team has a finding on, on or after the inspection's start.</summary>
    public static Refusal? CheckFeedback(Inspection inspection, bool hasFinding, DateOnly givenOn, DateOnly today)
    {
        if (!hasFinding)
            return new("cadreId", "V1", "The inspection has no finding on this cadre yet: results are fed back after the inspection.");
        if (givenOn < inspection.StartsOn || givenOn > today)
            return new("givenOn", "V1", $"Feedback is given between the inspection's start ({inspection.StartsOn:yyyy-MM-dd}) and today ({today:yyyy-MM-dd}).");
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
