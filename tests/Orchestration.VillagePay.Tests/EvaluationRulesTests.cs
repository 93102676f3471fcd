using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Evaluations;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

public sealed class EvaluationRulesTests
{
    static readonly VillagePayOptions Seed = new();

    [Fact]
    public void P2_C5_the_publicity_lasts_7_calendar_days_through_a_holiday()
    {
        // Posted on Friday 25 September 2026: the National Day holiday does not stretch it (calendar days, not working days).
        EvaluationRules.PublicityEndsOn(new DateOnly(2026, 9, 25), Seed).ShouldBe(new DateOnly(2026, 10, 1));
    }

    [Fact]
    public void P2_objections_are_taken_on_the_7th_day_and_not_on_the_8th()
    {
        var posted = new DateOnly(2026, 9, 25);
        var ends = EvaluationRules.PublicityEndsOn(posted, Seed);

        EvaluationRules.AcceptsObjections(posted, ends, new DateOnly(2026, 10, 1)).ShouldBeTrue();
        EvaluationRules.AcceptsObjections(posted, ends, new DateOnly(2026, 10, 2)).ShouldBeFalse();
        EvaluationRules.AcceptsObjections(posted, ends, new DateOnly(2026, 9, 24)).ShouldBeFalse();
    }

    [Fact]
    public void P2_the_publicity_closes_on_the_8th_day_and_not_on_the_7th()
    {
        var ends = EvaluationRules.PublicityEndsOn(new DateOnly(2026, 9, 25), Seed);

        EvaluationRules.CanClose(ends, new DateOnly(2026, 10, 1)).ShouldBeFalse();
        EvaluationRules.CanClose(ends, new DateOnly(2026, 10, 2)).ShouldBeTrue();
    }

    static IReadOnlyDictionary<Guid, TeamGrade> Rank(params decimal[] averages)
    {
        var villages = averages.Select(a => (Guid.NewGuid(), a)).ToList();
        var ranked = EvaluationRules.Rank(villages, Seed);
        ranked.Count.ShouldBe(averages.Length);
        return ranked.ToDictionary(r => r.VillageId, r => r.Grade);
    }

    static TeamGrade GradeOf(IReadOnlyList<(Guid Id, decimal Average)> villages, int index) =>
        EvaluationRules.Rank(villages, Seed).Single(r => r.VillageId == villages[index].Id).Grade;

    [Fact]
    public void P2_an_average_of_90_can_be_outstanding_and_89_99_cannot()
    {
        List<(Guid, decimal)> township = [(Guid.NewGuid(), 90m), (Guid.NewGuid(), 89.99m), (Guid.NewGuid(), 80m), (Guid.NewGuid(), 75m), (Guid.NewGuid(), 70m)];

        GradeOf(township, 0).ShouldBe(TeamGrade.Outstanding);
        GradeOf(township, 1).ShouldBe(TeamGrade.FairlyOutstanding);
    }

    [Fact]
    public void P2_at_most_20_percent_of_a_township_is_outstanding()
    {
        // 10 villages: 2 outstanding places, although four average 90 or more.
        List<(Guid, decimal)> township = [.. new[] { 99m, 97m, 95m, 91m, 85m, 80m, 75m, 70m, 65m, 61m }.Select(a => (Guid.NewGuid(), a))];

        GradeOf(township, 0).ShouldBe(TeamGrade.Outstanding);
        GradeOf(township, 1).ShouldBe(TeamGrade.Outstanding);
        GradeOf(township, 2).ShouldBe(TeamGrade.FairlyOutstanding);
        GradeOf(township, 3).ShouldBe(TeamGrade.FairlyOutstanding);
    }

    [Fact]
    public void P2_the_share_is_rounded_up_so_a_small_township_can_have_one_outstanding_village()
    {
        List<(Guid, decimal)> township = [(Guid.NewGuid(), 95m), (Guid.NewGuid(), 92m), (Guid.NewGuid(), 70m)];

        GradeOf(township, 0).ShouldBe(TeamGrade.Outstanding);
        GradeOf(township, 1).ShouldBe(TeamGrade.FairlyOutstanding);
    }

    [Fact]
    public void P2_villages_tied_across_the_share_line_stay_fairly_outstanding_together()
    {
        // 10 villages, 2 places: 98 is admitted; the three tied at 95 would make 4, so none of them is.
        List<(Guid, decimal)> township = [.. new[] { 98m, 95m, 95m, 95m, 85m, 80m, 75m, 70m, 65m, 61m }.Select(a => (Guid.NewGuid(), a))];

        GradeOf(township, 0).ShouldBe(TeamGrade.Outstanding);
        new[] { 1, 2, 3 }.Select(i => GradeOf(township, i)).ShouldAllBe(g => g == TeamGrade.FairlyOutstanding);
    }

    [Fact]
    public void P2_an_average_below_60_is_ordinary_and_60_is_not()
    {
        List<(Guid, decimal)> township = [(Guid.NewGuid(), 60m), (Guid.NewGuid(), 59.99m), (Guid.NewGuid(), 75m)];

        GradeOf(township, 0).ShouldBe(TeamGrade.FairlyOutstanding);
        GradeOf(township, 1).ShouldBe(TeamGrade.Ordinary);
    }

    [Fact]
    public void P2_the_yearly_average_is_rounded_to_two_decimals()
    {
        EvaluationRules.Average([90m, 90m, 90m, 89.99m]).ShouldBe(90m);
        EvaluationRules.Average([90m, 89.99m, 89.99m, 89.99m]).ShouldBe(89.99m);
    }

    [Fact]
    public void P2_every_village_is_graded_once()
    {
        Rank(95m, 85m, 55m).Values.ShouldBe([TeamGrade.Outstanding, TeamGrade.FairlyOutstanding, TeamGrade.Ordinary], ignoreOrder: true);
    }
}
