using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.Vetting.Disclosures;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class DisclosureRulesTests
{
    static readonly IWorkingDayCalendar Calendar = new OfficialWorkingDayCalendar(OfficialWorkingDayCalendar.Load(null));

    [Fact]
    public void V4_a_form_answering_all_nine_categories_with_a_self_evaluation_is_complete() =>
        DisclosureRules.Completeness(VettingApi.AllNineCategories(), "严格执行廉洁自律规定").Complete.ShouldBeTrue();

    [Fact]
    public void V4_a_form_missing_one_category_names_it()
    {
        var items = VettingApi.AllNineCategories().Where(i => i.Category != DisclosureCategory.PrivatePassports);

        var completeness = DisclosureRules.Completeness(items, "自评");

        completeness.Complete.ShouldBeFalse();
        completeness.MissingCategories.ShouldBe([DisclosureCategory.PrivatePassports]);
    }

    [Fact]
    public void V4_a_blank_statement_counts_as_missing() =>
        DisclosureRules.Completeness(
                VettingApi.AllNineCategories().Select(i => i.Category == DisclosureCategory.FamilyBusinesses ? i with { Statement = " " } : i), "自评")
            .MissingCategories.ShouldBe([DisclosureCategory.FamilyBusinesses]);

    [Fact]
    public void V4_a_form_without_self_evaluation_is_incomplete() =>
        DisclosureRules.Completeness(VettingApi.AllNineCategories(), null).SelfEvaluationMissing.ShouldBeTrue();

    [Fact]
    public void V4_a_category_answered_twice_is_refused() =>
        DisclosureRules.CheckItems([.. VettingApi.AllNineCategories(), new DisclosureItem(DisclosureCategory.RealEstate, "另一套")])
            .ShouldNotBeNull().RuleId.ShouldBe("V4");

    [Fact]
    public void V4_deputy_rank_is_posted_at_work_unit_and_residence_principal_rank_also_in_the_supervised_field()
    {
        DisclosureRules.PostingPlaces(DisclosureRank.Deputy).ShouldBe(["work unit", "residence"]);
        DisclosureRules.PostingPlaces(DisclosureRank.Principal).ShouldBe(["work unit", "residence", "supervised field"]);
    }

    [Fact]
    public void V4_five_working_days_opened_on_a_thursday_end_on_the_next_wednesday_over_the_weekend() =>
        Calendar.EndOfWindow(new DateOnly(2026, 11, 19), 5).ShouldBe(new DateOnly(2026, 11, 25));

    [Fact]
    public void V4_five_working_days_opened_before_national_day_end_on_the_make_up_saturday_after_it() =>
        // 29 and 30 September count, 1–7 October is the holiday, 8 and 9 October and the make-up Saturday 10 October count.
        Calendar.EndOfWindow(new DateOnly(2026, 9, 29), 5).ShouldBe(new DateOnly(2026, 10, 10));

    [Fact]
    public void V4_a_window_opened_on_a_holiday_starts_counting_on_the_next_working_day() =>
        Calendar.EndOfWindow(new DateOnly(2026, 10, 3), 5).ShouldBe(new DateOnly(2026, 10, 13));

    [Fact]
    public void V4_the_windows_default_to_five_working_days()
    {
        new VettingOptions().DisclosurePostingWorkingDays.ShouldBe(5);
        new VettingOptions().DisclosurePublicationWorkingDays.ShouldBe(5);
    }
}
