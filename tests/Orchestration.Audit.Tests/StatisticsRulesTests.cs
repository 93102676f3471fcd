using Orchestration.Audit.Statistics;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

/// <summary>A2's coverage read as the seed writes it: 不少于 includes the number, and a window is open until the year it closes has passed.</summary>
public sealed class StatisticsRulesTests
{
    static readonly AuditOptions Options = new();

    static List<CoveredUnit> Units(int tier, int count, int audited, int year) =>
        [.. Enumerable.Range(0, count).Select(i => new CoveredUnit(Guid.NewGuid(), tier, year - 10, i < audited ? [year] : []))];

    [Theory]
    [InlineData(20, 7, true)]   // exactly 35%
    [InlineData(20, 6, false)]  // 30%: under
    [InlineData(3, 2, true)]    // 66.7%
    [InlineData(3, 1, false)]   // 33.3%: just under 35%
    public void A2_tier_1_meets_its_yearly_quota_at_35_percent_or_more(int units, int audited, bool meets)
    {
        AuditStatistics.MeetsQuota(1, units, audited, Options).ShouldBe(meets);
        var row = AuditStatistics.Coverage(Units(1, units, audited, 2026), 2026, Options, new DateOnly(2026, 6, 1)).Rows.Single(r => (string)r["tier"]! == "一级");
        row["meetsQuota"].ShouldBe(meets);
        row["audited"].ShouldBe(audited);
        row["required"].ShouldBe((int)Math.Ceiling(units * 0.35m));
    }

    [Theory]
    [InlineData(10, 2, true)]   // exactly 20%
    [InlineData(10, 1, false)]  // 10%
    [InlineData(11, 2, false)]  // 18.2%: just under 20%
    [InlineData(11, 3, true)]
    public void A2_tier_2_meets_its_yearly_quota_at_20_percent_or_more(int units, int audited, bool meets)
    {
        AuditStatistics.MeetsQuota(2, units, audited, Options).ShouldBe(meets);
        AuditStatistics.Coverage(Units(2, units, audited, 2026), 2026, Options, new DateOnly(2026, 6, 1)).Rows
            .Single(r => (string)r["tier"]! == "二级")["meetsQuota"].ShouldBe(meets);
    }

    [Theory]
    [InlineData(1, 0, false)]
    [InlineData(1, 1, true)]
    public void A2_tier_3_samples_at_least_one_unit_a_year(int units, int audited, bool meets) =>
        AuditStatistics.MeetsQuota(3, units, audited, Options).ShouldBe(meets);

    [Theory]
    [InlineData(1, 2023, false)] // last audited 2023: the 3-year window closes in 2026, still open
    [InlineData(1, 2022, true)]  // closed in 2025 without an audit
    [InlineData(2, 2021, false)] // 5-year window closes in 2026
    [InlineData(2, 2020, true)]
    public void A2_a_unit_is_past_its_window_once_the_year_it_closes_has_gone_by_without_an_audit(int tier, int lastAudited, bool past)
    {
        var unit = new CoveredUnit(Guid.NewGuid(), tier, 2015, [lastAudited, 2027]); // an audit after the year does not count for it
        AuditStatistics.PastWindow(unit, 2026, tier == 1 ? 3 : 5).ShouldBe(past);
        var row = AuditStatistics.Coverage([unit], 2026, Options, new DateOnly(2026, 1, 1)).Rows.Single(r => (int)r["units"]! == 1);
        row["pastWindow"].ShouldBe(past ? 1 : 0);
        row["withinWindow"].ShouldBe(0, "audited before the last window's years: not past it yet is not covered either");
    }

    [Fact]
    public void A2_a_unit_never_audited_has_its_first_window_from_the_year_it_entered_the_tier()
    {
        AuditStatistics.PastWindow(new CoveredUnit(Guid.NewGuid(), 1, 2024, []), 2026, 3).ShouldBeFalse(); // 2024-2026
        AuditStatistics.PastWindow(new CoveredUnit(Guid.NewGuid(), 1, 2023, []), 2026, 3).ShouldBeTrue();  // 2023-2025
    }

    [Theory]
    [InlineData(0, "期限内待交接")]  // the deadline's own day
    [InlineData(1, "逾期未交接")]    // the day after
    public void A4_a_handover_is_late_from_the_day_after_its_deadline(int daysAfterDeadline, string state)
    {
        var deadline = new DateOnly(2026, 3, 31);
        var table = AuditStatistics.Handovers([new Handover(deadline, null, false), new Handover(deadline, deadline, false)],
            deadline.AddDays(daysAfterDeadline));
        table.Rows.Single(r => (string)r["state"]! == state)["leaders"].ShouldBe(1);
        table.Rows.Single(r => (string)r["state"]! == "已交接")["leaders"].ShouldBe(1);
        table.Sum("leaders").ShouldBe(2);
    }
}
