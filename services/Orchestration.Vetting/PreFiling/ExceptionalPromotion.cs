using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.PreFiling;

/// <summary>
/// V7 — 破格提拔 found rather than declared. A promotion is exceptional when it breaks the qualifications of the 2019《党政领导干部选拔
/// 任用工作条例》 (art. 9; art. 10 allows breaking them for outstanding cadres or special needs, and seed 002 sends such a candidate to
/// the superior department before the decision):
/// <list type="bullet">
/// <item>it skips a rank (越级提拔);</item>
/// <item>a deputy becomes principal of the same level after less than two years as deputy (「由副职提任正职的，应当在副职岗位工作两年以上」);</item>
/// <item>a principal becomes deputy of the level above after less than three years as principal (「由下级正职提任上级副职的，应当在下级正职岗位工作三年以上」);</item>
/// <item>a 县处级 post goes to a cadre with less than five years of work (「提任县处级领导职务的，应当具有五年以上工龄」).</item>
/// </list>
/// 以上 includes the number: exactly two, three or five years qualify. The years are counted on county dates to the anniversary. The
/// same thresholds are applied to 乡科级 posts, whose selection follows the regulations (参照执行).
/// </summary>
public static class ExceptionalPromotion
{
    public const int DeputyToPrincipalYears = 2;

    public const int PrincipalToUpperDeputyYears = 3;

    public const int DivisionLevelWorkYears = 5;

    /// <summary>Why the promotion is exceptional; empty when it meets every qualification.</summary>
    public static IReadOnlyList<string> Reasons(Promotion promotion, DateOnly? workStartedOn, DateOnly today)
    {
        var reasons = new List<string>();
        var steps = (int)promotion.ToRank - (int)promotion.FromRank;
        if (steps > 1) reasons.Add($"越级提拔: from {promotion.FromRank} to {promotion.ToRank}");
        else if (steps == 1)
        {
            var required = IsDeputy(promotion.FromRank) ? DeputyToPrincipalYears : PrincipalToUpperDeputyYears;
            if (today < promotion.InRankSince.AddYears(required))
                reasons.Add($"{required} years in the present rank are required (since {promotion.InRankSince:yyyy-MM-dd}, complete on {promotion.InRankSince.AddYears(required):yyyy-MM-dd})");
        }
        if (promotion.ToRank >= CadreRank.DivisionDeputy && workStartedOn is { } started && today < started.AddYears(DivisionLevelWorkYears))
            reasons.Add($"{DivisionLevelWorkYears} years of work are required for a 县处级 post (working since {started:yyyy-MM-dd})");
        return reasons;
    }

    static bool IsDeputy(CadreRank rank) => rank is CadreRank.SectionDeputy or CadreRank.DivisionDeputy;
}
