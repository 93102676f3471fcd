using Orchestration.Audit.Plans;
using Orchestration.Contracts.Audit;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

public sealed class AuditPlannerTests
{
    static readonly AuditOptions Seed = new();

    static PlanningUnit Unit(string name, int tier, int since = 2020, int? lastAudited = null, bool departing = false, DateOnly? tenure = null,
        int? fundDue = null) =>
        new(Guid.NewGuid(), name, tier, since, lastAudited, departing, tenure, fundDue);

    static IEnumerable<PlanningUnit> Tier(int tier, int count, int since) =>
        Enumerable.Range(1, count).Select(i => Unit($"T{tier}-{i:00}", tier, since));

    [Theory]
    [InlineData(20, "0.35", 7)]
    [InlineData(21, "0.35", 8)]
    [InlineData(25, "0.20", 5)]
    [InlineData(28, "0.20", 6)]
    public void A2_the_yearly_share_is_rounded_up_to_whole_units(int units, string share, int quota)
    {
        AuditPlanner.YearlyQuota(units, decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(quota);
    }

    [Fact]
    public void A2_a_tier_1_year_meets_35_percent_and_no_more_when_no_window_closes()
    {
        var plan = AuditPlanner.Plan(2027, Tier(1, 20, since: 2027).ToList(), Seed);

        plan.Count.ShouldBe(7);
        plan.ShouldAllBe(p => p.Reason == PlanReason.Quota);
    }

    [Fact]
    public void A2_a_tier_2_year_meets_20_percent()
    {
        AuditPlanner.Plan(2027, Tier(2, 28, since: 2027).ToList(), Seed).Count.ShouldBe(6);
    }

    [Theory]
    [InlineData(2026, false)]
    [InlineData(2027, true)]
    public void A2_a_tier_1_unit_audited_three_years_ago_is_planned_when_its_window_closes(int year, bool planned)
    {
        // The quota (2 of 5) may pick it earlier; its 3-year window forces it only in 2027.
        var old = Unit("Old", 1, lastAudited: 2024);
        var units = new[] { old, Unit("A", 1, lastAudited: year - 1), Unit("B", 1, lastAudited: year - 1), Unit("C", 1, lastAudited: year - 1),
            Unit("D", 1, lastAudited: year - 1) };

        var plan = AuditPlanner.Plan(year, units, Seed);

        plan.Any(p => p.UnitId == old.Id && p.Reason == PlanReason.WindowDeadline).ShouldBe(planned);
    }

    [Fact]
    public void A2_every_unit_whose_window_closes_is_planned_even_beyond_the_quota()
    {
        var units = Enumerable.Range(1, 5).Select(i => Unit($"U{i}", 1, lastAudited: 2024)).ToList();

        var plan = AuditPlanner.Plan(2027, units, Seed);

        plan.Count.ShouldBe(5);
        plan.ShouldAllBe(p => p.Reason == PlanReason.WindowDeadline);
    }

    [Fact]
    public void A2_the_longest_unaudited_units_fill_the_quota_first()
    {
        var oldest = Unit("Z-oldest", 2, lastAudited: 2021);
        var units = new[] { Unit("A", 2, lastAudited: 2025), Unit("B", 2, lastAudited: 2024), oldest, Unit("C", 2, lastAudited: 2025), Unit("D", 2, lastAudited: 2023) };

        var plan = AuditPlanner.Plan(2025, units, Seed);

        plan.Single().UnitId.ShouldBe(oldest.Id); // 20% of 5 = 1
    }

    [Theory]
    [InlineData(2025, false)]
    [InlineData(2026, true)]
    public void A2_a_tier_3_unit_is_audited_when_its_leaders_tenure_reaches_five_years(int year, bool planned)
    {
        var tenured = Unit("Tenured", 3, lastAudited: 2019, tenure: new DateOnly(2021, 6, 1));
        var units = new[] { tenured, Unit("Sampled-first", 3, lastAudited: 2000) };

        AuditPlanner.Plan(year, units, Seed).Any(p => p.UnitId == tenured.Id && p.Reason == PlanReason.Tenure).ShouldBe(planned);
    }

    [Fact]
    public void A2_a_tier_3_units_departing_leader_is_audited_and_one_more_unit_is_sampled()
    {
        var departing = Unit("Departing", 3, departing: true);
        var units = new[] { departing, Unit("A", 3, lastAudited: 2024), Unit("B", 3, lastAudited: 2020), Unit("C", 3, lastAudited: 2022) };

        var plan = AuditPlanner.Plan(2026, units, Seed);

        plan.Single(p => p.Reason == PlanReason.Departure).UnitId.ShouldBe(departing.Id);
        plan.Single(p => p.Reason == PlanReason.Sample).UnitName.ShouldBe("B");
        plan.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A2_tier_3_samples_one_or_two_units_as_asked(int samples)
    {
        AuditPlanner.Plan(2026, Tier(3, 19, 2020).ToList(), Seed, samples).Count(p => p.Reason == PlanReason.Sample).ShouldBe(samples);
    }

    [Fact]
    public void A3_a_special_tier_unit_has_a_tracking_audit_every_year_and_a_fund_audit_is_planned_when_due()
    {
        var special = Unit("Special", AuditTiers.SpecialTier);
        var owing = Unit("Owing", 2, lastAudited: 2025, fundDue: 2027);
        var units = new[] { special, owing, Unit("A", 2, lastAudited: 2025), Unit("B", 2, lastAudited: 2025), Unit("C", 2, lastAudited: 2025),
            Unit("D", 2, lastAudited: 2024) };

        var in2026 = AuditPlanner.Plan(2026, units, Seed);
        var in2027 = AuditPlanner.Plan(2027, units, Seed);

        in2026.Single(p => p.UnitId == special.Id).Reason.ShouldBe(PlanReason.SpecialFundTracking);
        in2026.ShouldNotContain(p => p.UnitId == owing.Id);
        in2027.Single(p => p.UnitId == owing.Id).Reason.ShouldBe(PlanReason.SpecialFundTracking);
    }

    /// <summary>Seed 004's county: 67 units graded 20 / 28 / 19, ten plans in a row, every planned audit done.</summary>
    [Fact]
    public void A2_ten_yearly_plans_for_67_units_keep_every_window_and_every_quota()
    {
        const int first = 2027, years = 10;
        var units = Tier(1, 20, first).Concat(Tier(2, 28, first)).Concat(Tier(3, 19, first)).ToList();
        // Some tier-3 leaders leave, some reach five years in post, during the decade.
        for (var i = 0; i < 6; i++) units[48 + i] = units[48 + i] with { LeaderTenureStart = new DateOnly(2023 + i, 3, 1) };
        var departures = Enumerable.Range(0, 8).ToDictionary(i => units[55 + i % 12].Id, i => first + i);
        var audits = units.ToDictionary(u => u.Id, _ => new List<int>());

        for (var year = first; year < first + years; year++)
        {
            var state = units.Select(u => u with
            {
                LastAuditedYear = audits[u.Id].Count > 0 ? audits[u.Id].Max() : null,
                LeaderDeparting = departures.GetValueOrDefault(u.Id) == year,
            }).ToList();

            var plan = AuditPlanner.Plan(year, state, Seed);

            plan.Count(p => p.Tier == 1).ShouldBeGreaterThanOrEqualTo(7, $"tier-1 quota in {year}");
            plan.Count(p => p.Tier == 2).ShouldBeGreaterThanOrEqualTo(6, $"tier-2 quota in {year}");
            plan.Count(p => p.Reason == PlanReason.Sample).ShouldBe(1, $"tier-3 sample in {year}");
            foreach (var departing in state.Where(u => u.LeaderDeparting)) plan.ShouldContain(p => p.UnitId == departing.Id, $"departure in {year}");
            foreach (var tenured in state.Where(u => u.LeaderTenureStart?.AddYears(5).Year == year))
                plan.ShouldContain(p => p.UnitId == tenured.Id, $"tenure in {year}");
            plan.Select(p => p.UnitId).ShouldBeUnique();
            foreach (var planned in plan) audits[planned.UnitId].Add(year);
        }

        AssertWindows(units.Where(u => u.Tier == 1), audits, first, years, window: 3);
        AssertWindows(units.Where(u => u.Tier == 2), audits, first, years, window: 5);
    }

    static void AssertWindows(IEnumerable<PlanningUnit> units, Dictionary<Guid, List<int>> audits, int first, int years, int window)
    {
        foreach (var unit in units)
            for (var start = first; start + window - 1 < first + years; start++)
                audits[unit.Id].ShouldContain(y => y >= start && y < start + window,
                    $"{unit.Name} audited in {string.Join(",", audits[unit.Id])} has no audit in {start}–{start + window - 1}");
    }
}
