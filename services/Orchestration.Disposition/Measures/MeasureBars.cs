using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.Measures;

public static class BarKinds
{
    /// <summary>降职: no promotion (不得提拔) within two years.</summary>
    public const string NoPromotion = "no-promotion";

    /// <summary>免职: no post above the original level (不得担任高于原任职务层次的职务) within two years.</summary>
    public const string NoPostAboveOriginalLevel = "no-post-above-original-level";
}

/// <summary>A measure's bar on the cadre's next moves: from the decision day until <see cref="Until"/> (the first day it no longer holds).</summary>
/// <param name="CaseId">The disposition case whose measure sets the bar.</param>
/// <param name="Measure">The measure (D4), e.g. Removal or Demotion.</param>
/// <param name="Bar">What the measure bars (D6): NoPromotion after a demotion, NoPostAboveOriginalLevel after a removal.</param>
/// <param name="DecidedOn">The county date the measure was decided; the bar starts that day.</param>
/// <param name="Until">The first county date the bar no longer holds.</param>
/// <param name="Active">The bar holds on the date asked about.</param>
/// <param name="RuleId">The rule that sets the bar (e.g. D6).</param>
/// <param name="Reason">Why the measure bars the move, in words.</param>
public sealed record MeasureBar(Guid CaseId, string Measure, string Bar, DateOnly DecidedOn, DateOnly Until, bool Active, string RuleId, string Reason);

/// <summary>What a nomination can check before proposing the cadre: may they be promoted, may they take a post above their former level.</summary>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="AsOf">The county date the bars are checked on.</param>
/// <param name="MayBePromoted">No active measure bars a promotion on that day (D4, D6).</param>
/// <param name="MayTakePostAboveOriginalLevel">No active measure bars a post above the level held before the measure (D6).</param>
/// <param name="Bars">The bars of the cadre's measures, active or past.</param>
public sealed record CadreBars(Guid CadreId, DateOnly AsOf, bool MayBePromoted, bool MayTakePostAboveOriginalLevel, IReadOnlyList<MeasureBar> Bars);

/// <summary>
/// D6 — what a measure bars under the 2021《党政领导干部组织处理规定》: a demoted cadre (降职) is not promoted within two years of the
/// decision, a removed cadre (免职) takes no post above the original level within two years. "两年内" ends the day before the second
/// anniversary of the decision: on the anniversary the bar is gone.
/// </summary>
public static class MeasureBarRules
{
    public const int DemotionBarYears = 2;

    public const int RemovalBarYears = 2;

    public static MeasureBar? Of(Guid caseId, string? measure, DateOnly? decidedOn, DateOnly asOf)
    {
        if (decidedOn is not { } decided) return null;
        var (bar, years, what) = measure switch
        {
            nameof(DispositionMeasure.Demotion) => (BarKinds.NoPromotion, DemotionBarYears, "demoted (降职): no promotion"),
            nameof(DispositionMeasure.Removal) => (BarKinds.NoPostAboveOriginalLevel, RemovalBarYears, "removed (免职): no post above the original level"),
            _ => (null, 0, null),
        };
        if (bar is null) return null;
        var until = decided.AddYears(years);
        return new MeasureBar(caseId, measure!, bar, decided, until, asOf < until, "D6",
            $"{what} within {years} years of {decided:yyyy-MM-dd}, until {until.AddDays(-1):yyyy-MM-dd}");
    }

    public static CadreBars ForCadre(Guid cadreId, DateOnly asOf, IEnumerable<MeasureBar> bars)
    {
        var all = bars.ToList();
        var active = all.Where(b => b.Active).ToList();
        return new CadreBars(cadreId, asOf, active.All(b => b.Bar != BarKinds.NoPromotion),
            active.Count == 0, all);
    }

    /// <summary>
    /// Reinstatement (重新提拔使用) is a promotion: refused while a demotion's bar runs; a removed cadre may be reinstated at the original
    /// level, but not above it while the removal's bar runs.
    /// </summary>
    public static (bool Allowed, string? Reason) Reinstatement(MeasureBar? bar, bool aboveOriginalLevel) => bar switch
    {
        { Active: true, Bar: BarKinds.NoPromotion } => (false, $"The cadre was {bar.Reason}."),
        { Active: true, Bar: BarKinds.NoPostAboveOriginalLevel } when aboveOriginalLevel => (false, $"The cadre was {bar.Reason}."),
        _ => (true, null),
    };
}
