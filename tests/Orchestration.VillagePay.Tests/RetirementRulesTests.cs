using Orchestration.VillagePay.Retirement;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

public sealed class RetirementRulesTests
{
    static readonly VillagePayOptions Seed = new();

    [Fact]
    public void P4_a_year_in_post_counts_on_its_anniversary()
    {
        RetirementRules.FullYears(new DateOnly(2010, 3, 1), new DateOnly(2020, 2, 29)).ShouldBe(9);
        RetirementRules.FullYears(new DateOnly(2010, 3, 1), new DateOnly(2020, 3, 1)).ShouldBe(10);
    }

    [Fact]
    public void P4_10_years_in_post_qualify_for_the_subsidy_and_9_do_not()
    {
        RetirementRules.Qualifies(10, Seed).ShouldBeTrue();
        RetirementRules.Qualifies(9, Seed).ShouldBeFalse();
    }
}
