using Orchestration.ServiceDefaults.Commands;
using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.Disclosures;

public sealed record DisclosureCompleteness(IReadOnlyList<DisclosureCategory> MissingCategories, bool SelfEvaluationMissing)
{
    public bool Complete => MissingCategories.Count == 0 && !SelfEvaluationMissing;
}

/// <summary>
/// V4 — the round-1 form answers all nine categories (a blank statement counts as missing: "none" must be written out) and
/// carries the self-evaluation; an incomplete form is sent back (退回重报). A complete form is posted for the configured
/// number of working days (C5) at the work unit and residence, and for principal rank also in the supervised field.
/// </summary>
public static class DisclosureRules
{
    public static DisclosureCompleteness Completeness(IEnumerable<DisclosureItem> items, string? selfEvaluation)
    {
        var answered = items.Where(i => !string.IsNullOrWhiteSpace(i.Statement)).Select(i => i.Category).ToHashSet();
        return new([.. Enum.GetValues<DisclosureCategory>().Where(c => !answered.Contains(c))], string.IsNullOrWhiteSpace(selfEvaluation));
    }

    public static string[] PostingPlaces(DisclosureRank rank) =>
        rank == DisclosureRank.Principal ? ["work unit", "residence", "supervised field"] : ["work unit", "residence"];

    public static Refusal? CheckItems(IReadOnlyCollection<DisclosureItem> items)
    {
        var repeated = items.GroupBy(i => i.Category).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            return new("items", "V4", $"Each category is answered once; repeated: {string.Join(", ", repeated)}.");
        if (items.Any(i => !Enum.IsDefined(i.Category)))
            return new("items", "V4", "An item names a category the form does not have.");
        return null;
    }
}
