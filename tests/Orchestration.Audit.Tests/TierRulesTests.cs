using Orchestration.Audit.Units;
using Orchestration.Contracts.Audit;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

public sealed class TierRulesTests
{
    static readonly AuditOptions Seed = new();

    [Theory]
    [InlineData(2_990_000, 3)]
    [InlineData(3_000_000, 3)] // 「300万以下」 includes 3,000,000
    [InlineData(3_010_000, 2)]
    [InlineData(4_990_000, 2)]
    [InlineData(5_000_000, 1)] // 「500万元以上」 includes 5,000,000
    [InlineData(5_010_000, 1)]
    public void A1_the_budget_gives_the_starting_band(decimal budget, int tier)
    {
        TierRules.Grade(budget, new AuditFactors(), Seed).Tier.ShouldBe(tier);
    }

    [Fact]
    public void A1_special_funds_make_a_small_unit_tier_1()
    {
        var verdict = TierRules.Grade(1_000_000, new AuditFactors(HasSpecialFunds: true), Seed);

        verdict.Tier.ShouldBe(1);
        verdict.Reason.ShouldContain("special funds");
    }

    [Fact]
    public void A1_a_public_service_window_makes_a_small_unit_at_least_tier_2()
    {
        TierRules.Grade(1_000_000, new AuditFactors(PublicServiceWindow: true), Seed).Tier.ShouldBe(2);
        TierRules.Grade(1_000_000, new AuditFactors(AllocationPower: PowerLevel.Some), Seed).Tier.ShouldBe(2);
    }

    [Fact]
    public void A1_factors_never_lower_a_large_budget_unit()
    {
        TierRules.Grade(8_000_000, new AuditFactors(PublicServiceWindow: true), Seed).Tier.ShouldBe(1);
    }

    [Fact]
    public void A1_the_boundaries_are_settings()
    {
        var stricter = new AuditOptions { UpperBudgetBoundary = 4_000_000, LowerBudgetBoundary = 2_000_000 };

        TierRules.Grade(4_500_000, new AuditFactors(), stricter).Tier.ShouldBe(1);
        TierRules.Grade(2_500_000, new AuditFactors(), stricter).Tier.ShouldBe(2);
    }
}
