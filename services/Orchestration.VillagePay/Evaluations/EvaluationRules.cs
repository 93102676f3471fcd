using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Evaluations;

public sealed record RankedVillage(Guid VillageId, decimal AverageScore, TeamGrade Grade);

public static class EvaluationRules
{
    public const int QuartersPerYear = 4;

    /// <summary>
    /// P2 — the annual evaluation (年度考评) is recorded as the year's evaluation with quarter 0: scored, publicized for 7 days and
    /// open to objections like a quarter's.
    /// </summary>
    public const int AnnualEvaluation = 0;

    /// <summary>
    /// P2 — 平时考评与年度考评相结合: the year's score is the quarterly average and the annual score weighted by
    /// <see cref="VillagePayOptions.AnnualEvaluationWeight"/>, to 2 decimals; without a weight, the quarterly average.
    /// </summary>
    public static decimal Combined(decimal quarterlyAverage, decimal? annualScore, decimal annualWeight) =>
        annualScore is { } annual && annualWeight > 0
            ? Math.Round(quarterlyAverage * (1 - annualWeight) + annual * annualWeight, 2, MidpointRounding.AwayFromZero)
            : quarterlyAverage;

    /// <summary>
    /// P2, C5 — a quarter's results are publicized for 7 calendar days (not working days): the day of posting is the first, so
    /// results posted on 2026-09-25 may be objected to until 2026-10-01, holidays included.
    /// </summary>
    public static DateOnly PublicityEndsOn(DateOnly publicizedOn, VillagePayOptions options) =>
        publicizedOn.AddDays(options.EvaluationPublicityDays - 1);

    /// <summary>P2 — objections are taken from the day of posting to the publicity's last day, both included.</summary>
    public static bool AcceptsObjections(DateOnly publicizedOn, DateOnly endsOn, DateOnly today) => today >= publicizedOn && today <= endsOn;

    /// <summary>P2 — a publicity can be closed from the day after its last day.</summary>
    public static bool CanClose(DateOnly endsOn, DateOnly today) => today > endsOn;

    /// <summary>
    /// P2 — the yearly grading within one township, from each village's average quarterly score:
    /// <list type="bullet">
    /// <item>outstanding (实绩突出): averaging at least <see cref="VillagePayOptions.OutstandingMinimumScore"/> (90) and among the
    /// township's best <see cref="VillagePayOptions.OutstandingShare"/> (20%, rounded up). Villages tied on the same average are
    /// admitted together or not at all, so a tie never pushes the township over its share;</item>
    /// <item>ordinary (一般): averaging below <see cref="VillagePayOptions.OrdinaryBelowScore"/> (60);</item>
    /// <item>fairly outstanding (比较突出): everyone else.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<RankedVillage> Rank(IReadOnlyList<(Guid VillageId, decimal AverageScore)> villages, VillagePayOptions options)
    {
        var cap = (int)Math.Ceiling(villages.Count * options.OutstandingShare);
        var outstanding = new HashSet<Guid>();
        var tiedGroups = villages.Where(v => v.AverageScore >= options.OutstandingMinimumScore)
            .GroupBy(v => v.AverageScore).OrderByDescending(g => g.Key);
        foreach (var tied in tiedGroups)
        {
            if (outstanding.Count + tied.Count() > cap) break;
            outstanding.UnionWith(tied.Select(v => v.VillageId));
        }

        return villages
            .OrderByDescending(v => v.AverageScore)
            .Select(v => new RankedVillage(v.VillageId, v.AverageScore,
                outstanding.Contains(v.VillageId) ? TeamGrade.Outstanding
                : v.AverageScore < options.OrdinaryBelowScore ? TeamGrade.Ordinary
                : TeamGrade.FairlyOutstanding))
            .ToList();
    }

    /// <summary>The year's average of the four quarterly scores, to 2 decimals.</summary>
    public static decimal Average(IEnumerable<decimal> quarterlyScores) =>
        Math.Round(quarterlyScores.Average(), 2, MidpointRounding.AwayFromZero);
}
