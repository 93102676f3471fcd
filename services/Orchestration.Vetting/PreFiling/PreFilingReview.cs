using Orchestration.ServiceDefaults.Commands;
using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.PreFiling;

/// <summary>The superior organization department's answer on a candidate in one or more of the five cases (V7).</summary>
public sealed class PreFilingReview
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public List<PreFilingCase> Cases { get; set; } = [];

    public bool Approved { get; set; }

    public required string Reviewer { get; set; }

    public string? Reference { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// V7 — before deciding, relatives or office staff of county leaders, exceptional promotions (破格), over-quota appointments
/// (超职数), contested candidates and candidates with a past Party or administrative sanction are reviewed by the superior
/// organization department. A case applies when the decision names it or a review was ever asked for it; the latest review
/// of each case decides, and every applying case needs an approval before the vote.
/// </summary>
public static class PreFilingRules
{
    public static IReadOnlyList<PreFilingCase> Unapproved(IEnumerable<PreFilingCase> namedAtDecision, IReadOnlyCollection<PreFilingReview> reviews)
    {
        var applying = namedAtDecision.Concat(reviews.SelectMany(r => r.Cases)).Distinct();
        return
        [
            .. applying.Where(c => reviews.Where(r => r.Cases.Contains(c)).OrderBy(r => r.RecordedAt).LastOrDefault() is not { Approved: true })
                .Order(),
        ];
    }

    public static Refusal? Check(IEnumerable<PreFilingCase> namedAtDecision, IReadOnlyCollection<PreFilingReview> reviews) =>
        Unapproved(namedAtDecision, reviews) is { Count: > 0 } missing
            ? new("preFilingCases", "V7",
                $"Deciding needs the superior organization department's recorded approval first (报上级组织部门审核): {string.Join(", ", missing)}.")
            : null;
}
