namespace Orchestration.VillagePay.Villages;

public static class BasePay
{
    /// <summary>P1 — the principals' base pay, 7,000–9,000 CNY a year, banded by the village's population.</summary>
    public static decimal For(int population, VillagePayOptions options) =>
        options.BasePayBands.Where(band => population >= band.MinimumPopulation).MaxBy(band => band.MinimumPopulation)?.BasePay
        ?? throw new InvalidOperationException("No base-pay band covers a population of " + population + ".");
}
