using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Pay;
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
    public void P1_base_pay_is_7000_to_9000_by_population_band(int population, decimal basePay)
    {
        PayRules.BasePay(population, Seed).ShouldBe(basePay);
    }

    [Fact]
    public void P2_an_excellent_principal_receives_4000_performance_pay()
    {
        var verdict = PayRules.Performance(PrincipalGrade.Excellent, new DateOnly(2026, 12, 20), Seed);

        verdict.PerformancePay.ShouldBe(4_000m);
        verdict.AdmonishmentTalk.ShouldBeFalse();
    }

    [Fact]
    public void P2_a_basically_competent_principal_receives_reduced_pay()
    {
        PayRules.Performance(PrincipalGrade.BasicallyCompetent, new DateOnly(2026, 12, 20), Seed).PerformancePay.ShouldBe(2_000m);
    }

    [Fact]
    public void P2_an_incompetent_principal_receives_nothing_an_admonishment_and_a_deadline()
    {
        var verdict = PayRules.Performance(PrincipalGrade.Incompetent, new DateOnly(2026, 12, 20), Seed);

        verdict.PerformancePay.ShouldBe(0m);
        verdict.AdmonishmentTalk.ShouldBeTrue();
        verdict.RectificationDeadline.ShouldBe(new DateOnly(2027, 3, 20));
    }
}
