using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Nomination.DepartmentMeetings;

/// <summary>
/// The organization department's meeting (部务会议) that chose the inspection candidates from the recommendation (N5, seed 001), with
/// who attended (C2) and each candidate it considered as the recommendation ranked them. Part of the full-process record (C1).
/// </summary>
public sealed class DepartmentMeeting
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The procedure that recorded it as its step; empty when recorded at the API.</summary>
    public Guid ProcedureId { get; set; }

    public DateOnly HeldOn { get; set; }

    public string? Post { get; set; }

    public List<string> Attendees { get; set; } = [];

    /// <summary>The candidates considered, best recommendation first.</summary>
    public List<RankedCandidate> Candidates { get; set; } = [];

    /// <summary>Why a lower-ranked candidate was chosen over a higher-ranked one that passed, when so.</summary>
    public string? DepartureReason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A candidate the meeting considered: the recommendation round it was ranked by, its score (the N7 weighted score, else the
/// meeting-ballot share), whether the round passed N5, its rank (1 is best; equal scores share a rank) and whether it was chosen.
/// </summary>
public sealed record RankedCandidate(Guid CadreId, Guid RoundId, Guid ProcedureId, decimal Score, bool Passed, int Rank, bool Chosen);

/// <summary>A recommendation round as the ranking reads it.</summary>
public sealed record RoundResult(Guid CadreId, Guid RoundId, Guid ProcedureId, decimal Score, bool Passed);

/// <summary>
/// N5 at the 部务会议 — the inspection candidates are chosen from the recommendation: a candidate whose round did not pass cannot become
/// an inspection candidate, and passing over a higher-ranked candidate that passed for a lower-ranked one is the meeting's collective
/// decision, recorded with its reason. A candidate the meeting considers has a recommendation round.
/// </summary>
public static class InspectionCandidateRules
{
    /// <summary>Ranks the rounds best first; equal scores share a rank (1, 1, 3).</summary>
    public static IReadOnlyList<RankedCandidate> Rank(IReadOnlyCollection<RoundResult> rounds, IReadOnlyCollection<Guid> chosen) =>
    [
        .. rounds.OrderByDescending(r => r.Score).ThenBy(r => r.CadreId)
            .Select(r => new RankedCandidate(r.CadreId, r.RoundId, r.ProcedureId, r.Score, r.Passed,
                1 + rounds.Count(other => other.Score > r.Score), chosen.Contains(r.CadreId))),
    ];

    public static Refusal? Check(IReadOnlyList<RankedCandidate> ranked, string? departureReason)
    {
        if (ranked.FirstOrDefault(c => c.Chosen && !c.Passed) is { } failed)
            return new("chosen", "N5",
                $"Cadre {failed.CadreId} did not pass the democratic recommendation (score {failed.Score:P2}): below the threshold no one becomes an inspection candidate.");
        var passedOver = ranked.Where(c => !c.Chosen && c.Passed && ranked.Any(other => other.Chosen && other.Rank > c.Rank)).ToList();
        if (passedOver.Count > 0 && string.IsNullOrWhiteSpace(departureReason))
            return new("departureReason", "N5",
                $"The meeting passes over {string.Join(", ", passedOver.Select(c => $"{c.CadreId} (rank {c.Rank})"))} for a lower-ranked candidate: " +
                "state the meeting's reason for departing from the recommendation ranking.");
        return null;
    }
}
