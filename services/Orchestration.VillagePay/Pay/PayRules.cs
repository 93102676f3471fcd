using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Pay;

public sealed record PerformanceVerdict(decimal PerformancePay, bool AdmonishmentTalk, DateOnly? RectificationDeadline, string Reason);

public static class PayRules
{
    /// <summary>P1 — the principals' base pay, 7,000–9,000 CNY a year, banded by the village's population.</summary>
    public static decimal BasePay(int population, VillagePayOptions options) =>
        options.BasePayBands.Where(band => population >= band.MinimumPopulation).MaxBy(band => band.MinimumPopulation)?.BasePay
        ?? throw new InvalidOperationException("No base-pay band covers a population of " + population + ".");

    /// <summary>
    /// P2 — excellent → 4,000 CNY performance pay; basically competent → reduced; incompetent → no performance pay for the year,
    /// an admonishment talk by the township secretary and a rectification deadline.
    /// </summary>
    public static PerformanceVerdict Performance(PrincipalGrade grade, DateOnly gradedOn, VillagePayOptions options) => grade switch
    {
        PrincipalGrade.Excellent => new(options.ExcellentPerformancePay, false, null, "excellent: full performance pay"),
        PrincipalGrade.BasicallyCompetent => new(options.BasicallyCompetentPerformancePay, false, null, "basically competent: reduced performance pay"),
        _ => new(0m, true, gradedOn.AddDays(options.RectificationDays),
            $"incompetent: no performance pay, an admonishment talk and rectification within {options.RectificationDays} days"),
    };
}
