namespace Orchestration.VillagePay.Retirement;

public static class RetirementRules
{
    /// <summary>Whole years from <paramref name="from"/> to <paramref name="to"/>: a year counts on its anniversary.</summary>
    public static int FullYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return to < from.AddYears(years) ? years - 1 : years;
    }

    /// <summary>P4 — a former principal with 10 or more full years in post receives the yearly living subsidy.</summary>
    public static bool Qualifies(int yearsInPost, VillagePayOptions options) => yearsInPost >= options.RetirementMinimumYears;
}
