using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Selection;

/// <summary>What a stage must keep, and what it lacks.</summary>
/// <param name="Target">The ratio's number; null when the stage keeps whoever qualifies.</param>
/// <param name="Required">The exact number to keep; null when any number up to the pool will do.</param>
/// <param name="Shortfall">How many fewer than the ratio (or than the places) go on: reported, never hidden.</param>
public sealed record StageVerdict(int? Target, int? Required, int Shortfall, string? Problem);

/// <summary>
/// P3 — the selection funnel's numbers. The places are at least 5% of all villages, rounded up (206 → 11). The township enlarged
/// meeting shortlists 3 per place (33), the township committee 2 per place (22), the inspection names 20% more formal
/// candidates than places, rounded up (14), and the leading group decides one per place (11). The county's places are one pool
/// across its townships: each stage's count is checked on the county's total.
/// </summary>
public static class SelectionFunnel
{
    public static int MinimumPlaces(int villages, VillagePayOptions options) => (int)Math.Ceiling(villages * options.MinimumSelectionShare);

    public static int? Target(SelectionStage stage, int places, VillagePayOptions options) => stage switch
    {
        SelectionStage.EnlargedMeeting => places * options.EnlargedMeetingPerPlace,
        SelectionStage.TownshipCommittee => places * options.TownshipCommitteePerPlace,
        SelectionStage.Inspection => (int)Math.Ceiling(places * (1 + options.InspectionDifferential)),
        SelectionStage.LeadingGroup => places,
        _ => null,
    };

    /// <summary>
    /// A ratio stage keeps exactly its target, or everyone left when fewer remain (the shortfall is reported); a review or
    /// publicity stage keeps whoever qualifies, and reports a shortfall when fewer than the places remain.
    /// </summary>
    public static StageVerdict Check(SelectionStage stage, int places, int pool, int advancing, VillagePayOptions options)
    {
        if (advancing > pool) return new(null, null, 0, $"Only {pool} are in the running; {advancing} cannot go on.");
        var target = Target(stage, places, options);
        if (target is null)
            return new(null, null, Math.Max(0, places - advancing), null);

        var required = Math.Min(target.Value, pool);
        var problem = advancing == required ? null
            : pool >= target
                ? $"The {Describe(stage)} keeps {target} for {places} places, not {advancing}."
                : $"Only {pool} are left for the {Describe(stage)}'s {target}: all of them go on, not {advancing}.";
        return new(target, required, Math.Max(0, target.Value - advancing), problem);
    }

    public static string Describe(SelectionStage stage) => stage switch
    {
        SelectionStage.TownshipReview => "township eligibility review",
        SelectionStage.CountyReview => "county organization department review",
        SelectionStage.Publicity => "publicity",
        SelectionStage.EnlargedMeeting => "township enlarged meeting (1:3)",
        SelectionStage.TownshipCommittee => "township committee (1:2)",
        SelectionStage.Inspection => "inspection (20% differential)",
        SelectionStage.LeadingGroup => "leading group",
        SelectionStage.FinalPublicity => "final publicity",
        _ => "application",
    };

    /// <summary>The stages after which a publicity opens (C5: counted in working days).</summary>
    public static bool OpensPublicity(SelectionStage stage) => stage is SelectionStage.CountyReview or SelectionStage.LeadingGroup;

    /// <summary>The stages that close a publicity: decided only after its last day.</summary>
    public static bool ClosesPublicity(SelectionStage stage) => stage is SelectionStage.Publicity or SelectionStage.FinalPublicity;
}
