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
public sealed record MeasureBar(Guid CaseId, string Measure, string Bar, DateOnly DecidedOn, DateOnly Until, bool Active, string RuleId, string Reason);

/// <summary>What a nomination can check before proposing the cadre: may they be promoted, may they take a post above their former level.</summary>
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
