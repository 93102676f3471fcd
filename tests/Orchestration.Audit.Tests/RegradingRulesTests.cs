using Orchestration.Audit.Departures;
using Orchestration.Audit.Regrading;
using Orchestration.Audit.Units;
using Orchestration.Contracts.Audit;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

public sealed class RegradingRulesTests
{
    static readonly AuditOptions Seed = new();

    [Theory]
    [InlineData(9_990_000, SpecialFundTreatments.RegradedThisYear, 2, 2027)]
    [InlineData(10_000_000, SpecialFundTreatments.OneTierUp, 2, null)]
    [InlineData(99_990_000, SpecialFundTreatments.OneTierUp, 2, null)]
    [InlineData(100_000_000, SpecialFundTreatments.SpecialTier, AuditTiers.SpecialTier, 2026)]
    public void A3_a_special_fund_re_grades_the_unit_by_its_amount(decimal amount, string treatment, int tier, int? auditDue)
    {
        var decision = RegradingRules.SpecialFund(amount, currentTier: 3, year: 2026, Seed);

        decision.Treatment.ShouldBe(treatment);
        decision.Tier.ShouldBe(tier);
        decision.AuditDueYear.ShouldBe(auditDue);
    }

    [Fact]
    public void A3_one_tier_up_stops_at_tier_1_and_the_special_tier_stays()
    {
        RegradingRules.OneTierUp(3).ShouldBe(2);
        RegradingRules.OneTierUp(1).ShouldBe(1);
        RegradingRules.OneTierUp(AuditTiers.SpecialTier).ShouldBe(AuditTiers.SpecialTier);
    }

    [Fact]
    public void A3_an_open_fund_keeps_its_raise_and_closing_it_restores_the_a1_tier()
    {
        RegradingRules.CurrentTier(3, [SpecialFundTreatments.OneTierUp]).ShouldBe(2);
        RegradingRules.CurrentTier(3, [SpecialFundTreatments.OneTierUp, SpecialFundTreatments.SpecialTier]).ShouldBe(AuditTiers.SpecialTier);
        RegradingRules.CurrentTier(3, []).ShouldBe(3);
    }

    [Theory]
    [InlineData(2_990_000, 3)]
    [InlineData(3_000_000, 3)] // 「300万以下」 includes 3,000,000
    [InlineData(3_010_000, 2)]
    [InlineData(4_990_000, 2)]
    [InlineData(5_000_000, 1)] // 「500万元以上」 includes 5,000,000
    [InlineData(5_010_000, 1)]
    public void A3_the_start_of_year_adjustment_follows_the_budget_bands(decimal budget, int tier)
    {
        var baseTier = TierRules.Grade(budget, new AuditFactors(), Seed).Tier;

        RegradingRules.CurrentTier(baseTier, []).ShouldBe(tier);
    }

    [Theory]
    [InlineData(2025, false)]
    [InlineData(2026, true)]
    public void A3_a_full_re_grading_is_due_every_five_years(int year, bool due)
    {
        RegradingRules.FullRegradingDue(fullyGradedYear: 2021, year, Seed).ShouldBe(due);
    }

    [Fact]
    public void A3_the_amounts_are_settings()
    {
        var stricter = new AuditOptions { TierUpFund = 5_000_000, SpecialTierFund = 50_000_000 };

        RegradingRules.SpecialFund(5_000_000, 3, 2026, stricter).Treatment.ShouldBe(SpecialFundTreatments.OneTierUp);
        RegradingRules.SpecialFund(50_000_000, 3, 2026, stricter).Treatment.ShouldBe(SpecialFundTreatments.SpecialTier);
    }

    [Fact]
    public void A4_the_handover_deadline_is_30_days_by_default_and_a_setting()
    {
        DepartureRules.HandoverDeadline(new DateOnly(2026, 3, 2), Seed).ShouldBe(new DateOnly(2026, 4, 1));
        DepartureRules.HandoverDeadline(new DateOnly(2026, 3, 2), new AuditOptions { HandoverDays = 15 }).ShouldBe(new DateOnly(2026, 3, 17));
    }

    [Fact]
    public void A4_a_leader_cannot_be_cleared_to_leave_before_the_departure_audit_completes()
    {
        var pending = DepartureRules.Clearance(DepartureAuditStatus.Pending);
        pending.Cleared.ShouldBeFalse();
        pending.RuleId.ShouldBe("A4");

        DepartureRules.Clearance(DepartureAuditStatus.Completed).Cleared.ShouldBeTrue();
    }
}
