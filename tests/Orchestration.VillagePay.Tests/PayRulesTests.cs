using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Villages;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

public sealed class PayRulesTests
{
    static readonly VillagePayOptions Seed = new();

    [Theory]
    [InlineData(0, 7_000)]
    [InlineData(999, 7_000)]
    [InlineData(1_000, 8_000)]
    [InlineData(2_999, 8_000)]
    [InlineData(3_000, 9_000)]
    [InlineData(25_000, 9_000)]
    public void P1_base_pay_is_7000_to_9000_by_population_band(int population, decimal basePay)
    {
        BasePay.For(population, Seed).ShouldBe(basePay);
    }

    [Fact]
    public void P1_the_bands_are_configurable()
    {
        var county = new VillagePayOptions { BasePayBands = [new() { MinimumPopulation = 0, BasePay = 7_500m }, new() { MinimumPopulation = 500, BasePay = 8_500m }] };

        BasePay.For(499, county).ShouldBe(7_500m);
        BasePay.For(500, county).ShouldBe(8_500m);
    }

    [Fact]
    public void P2_an_excellent_principal_receives_4000_performance_pay()
    {
        var verdict = PayRules.Performance(PrincipalGrade.Excellent, new DateOnly(2026, 12, 20), Seed);

        verdict.PerformancePay.ShouldBe(4_000m);
        verdict.AdmonishmentTalk.ShouldBeFalse();
        verdict.RectificationDeadline.ShouldBeNull();
    }

    [Fact]
    public void P2_a_basically_competent_principal_receives_the_reduced_2000()
    {
        var verdict = PayRules.Performance(PrincipalGrade.BasicallyCompetent, new DateOnly(2026, 12, 20), Seed);

        verdict.PerformancePay.ShouldBe(2_000m);
        verdict.AdmonishmentTalk.ShouldBeFalse();
    }

    [Fact]
    public void P2_an_incompetent_principal_receives_nothing_an_admonishment_and_a_3_month_deadline()
    {
        var verdict = PayRules.Performance(PrincipalGrade.Incompetent, new DateOnly(2026, 12, 20), Seed);

        verdict.PerformancePay.ShouldBe(0m);
        verdict.AdmonishmentTalk.ShouldBeTrue();
        verdict.RectificationDeadline.ShouldBe(new DateOnly(2027, 3, 20));
    }

    [Theory]
    [InlineData(TeamGrade.Outstanding, PrincipalGrade.Excellent)]
    [InlineData(TeamGrade.FairlyOutstanding, PrincipalGrade.BasicallyCompetent)]
    [InlineData(TeamGrade.Ordinary, PrincipalGrade.Incompetent)]
    public void P2_the_team_grade_gives_the_principal_grade(TeamGrade team, PrincipalGrade principal)
    {
        PayRules.PrincipalGradeOf(team).ShouldBe(principal);
    }
}
