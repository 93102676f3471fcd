using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Evaluations;

public sealed record PerformanceVerdict(decimal PerformancePay, bool AdmonishmentTalk, DateOnly? RectificationDeadline, string Reason);

public static class PayRules
{
    /// <summary>
    /// P2 — excellent → 4,000 CNY performance pay; basically competent → reduced; incompetent → no performance pay for the year,
    /// an admonishment talk by the township secretary and a rectification deadline (3 months by default).
    /// </summary>
    public static PerformanceVerdict Performance(PrincipalGrade grade, DateOnly gradedOn, VillagePayOptions options) => grade switch
    {
        PrincipalGrade.Excellent => new(options.ExcellentPerformancePay, false, null, "excellent: full performance pay"),
        PrincipalGrade.BasicallyCompetent => new(options.BasicallyCompetentPerformancePay, false, null, "basically competent: reduced performance pay"),
        _ => new(0m, true, gradedOn.AddMonths(options.RectificationMonths),
            $"incompetent: no performance pay, an admonishment talk and rectification within {options.RectificationMonths} months"),
    };

    /// <summary>P2 — the team's grade and its principal's grade correspond one to one.</summary>
    public static PrincipalGrade PrincipalGradeOf(TeamGrade team) => team switch
    {
        TeamGrade.Outstanding => PrincipalGrade.Excellent,
        TeamGrade.FairlyOutstanding => PrincipalGrade.BasicallyCompetent,
        _ => PrincipalGrade.Incompetent,
    };
}
