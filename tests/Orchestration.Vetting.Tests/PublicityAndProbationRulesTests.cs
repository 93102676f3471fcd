using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Publicity;
using Orchestration.Vetting.Reports;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class PublicityAndProbationRulesTests
{
    static readonly IWorkingDayCalendar Calendar = new OfficialWorkingDayCalendar(OfficialWorkingDayCalendar.Load(null));
    static readonly DateOnly EndsOn = new(2026, 11, 25);

    [Fact]
    public void V8_five_working_days_over_a_weekend() =>
        Calendar.EndOfWindow(new DateOnly(2026, 11, 20), new VettingOptions().PublicityWorkingDays).ShouldBe(new DateOnly(2026, 11, 26));

    [Fact]
    public void V8_five_working_days_over_national_day() =>
        // 30 September, then 8, 9, 10 (make-up Saturday) and 12 October.
        Calendar.EndOfWindow(new DateOnly(2026, 9, 30), 5).ShouldBe(new DateOnly(2026, 10, 12));

    [Fact]
    public void V8_on_its_last_day_the_publicity_is_still_open() =>
        PublicityRules.Close(EndsOn, EndsOn, 0, 0).Outcome.ShouldBe(PublicityOutcomes.Pending);

    [Fact]
    public void V8_the_day_after_the_last_day_a_publicity_without_reports_passes() =>
        PublicityRules.Close(EndsOn.AddDays(1), EndsOn, 0, 0).Outcome.ShouldBe(Outcomes.Passed);

    [Fact]
    public void C4_a_confirmed_report_fails_the_publicity()
    {
        var verdict = PublicityRules.Close(EndsOn.AddDays(1), EndsOn, reportsConfirmed: 1, reportsUnverified: 0);

        verdict.Outcome.ShouldBe(Outcomes.Failed);
        verdict.RuleId.ShouldBe("C4");
    }

    [Fact]
    public void C4_a_report_still_being_verified_keeps_the_publicity_pending() =>
        PublicityRules.Close(EndsOn.AddDays(1), EndsOn, 0, reportsUnverified: 1).ShouldBe(new PublicityVerdict(PublicityOutcomes.Pending, "C4",
            "1 report(s) still being verified."));

    [Fact]
    public void C4_not_affecting_goes_on_and_tells_the_reporter()
    {
        var consequence = ReportRules.Consequence(ReportVerdict.NotAffecting);

        consequence.Outcome.ShouldBe(Outcomes.Passed);
        consequence.InformReporter.ShouldBeTrue();
    }

    [Fact]
    public void C4_confirmed_cancels_and_criminal_is_referred()
    {
        ReportRules.Consequence(ReportVerdict.Confirmed).ShouldSatisfyAllConditions(c => c.Outcome.ShouldBe(Outcomes.Failed), c => c.RuleId.ShouldBe("C4"));
        ReportRules.Consequence(ReportVerdict.Criminal).ShouldSatisfyAllConditions(c => c.Outcome.ShouldBe(ReportOutcomes.Referred), c => c.RuleId.ShouldBe("C4"));
    }

    [Fact]
    public void V9_the_default_probation_is_one_year() =>
        ProbationRules.EndsOn(new DateOnly(2025, 1, 10), new VettingOptions().ProbationMonths).ShouldBe(new DateOnly(2026, 1, 10));

    [Fact]
    public void V9_364_days_after_appointment_the_review_is_not_due()
    {
        var appointed = new DateOnly(2025, 1, 10);

        ProbationRules.IsDue(appointed.AddDays(364), ProbationRules.EndsOn(appointed, 12)).ShouldBeFalse();
    }

    [Fact]
    public void V9_366_days_after_appointment_the_review_is_due()
    {
        var appointed = new DateOnly(2025, 1, 10);

        ProbationRules.IsDue(appointed.AddDays(366), ProbationRules.EndsOn(appointed, 12)).ShouldBeTrue();
    }
}
