using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Statistics;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

/// <summary>What seed 003 counts as moved down and out (下、出), and how the years bound the figures.</summary>
public sealed class StatisticsRulesTests
{
    [Fact]
    public void D4_demotion_removal_and_the_seed_003_adjustments_are_down_and_out_transfer_and_training_are_not()
    {
        DateOnly on = new(2025, 5, 1);
        var table = DispositionStatistics.Build(
        [
            new(Guid.NewGuid(), CaseSources.Audit, nameof(DispositionMeasure.Demotion), on),
            new(Guid.NewGuid(), CaseSources.Audit, nameof(DispositionMeasure.OrderedResignation), on),
            new(Guid.NewGuid(), CaseSources.Audit, nameof(DispositionMeasure.WaitingForPost), on),
            new(Guid.NewGuid(), CaseSources.Audit, nameof(DispositionMeasure.Transfer), on),
            new(Guid.NewGuid(), CaseSources.Audit, nameof(DispositionMeasure.OffPostTraining), on),
        ], 2025, 2025, on);

        table.Rows.ToDictionary(r => (string)r["measure"]!, r => (bool)r["downAndOut"]!).ShouldBe(new Dictionary<string, bool>
        {
            ["降职"] = true, ["待岗"] = true, ["离岗培训"] = false, ["责令辞职"] = true, ["交流"] = false,
        }, ignoreOrder: true);
        // The chart draws only the down and out: one bar for the year's one source, three cadres high.
        var chart = DispositionStatistics.Chart(table, 2025, 2025);
        chart.ShouldContain("data-category=\"2025年\" data-series=\"审计结果\" data-value=\"3\"");
    }

    [Theory]
    [InlineData(2023, 12, 31, false)]
    [InlineData(2024, 1, 1, true)]
    [InlineData(2026, 12, 31, true)]
    [InlineData(2027, 1, 1, false)]
    public void D4_a_decision_counts_in_the_years_asked_for_by_its_county_date_both_ends_included(int year, int month, int day, bool counted)
    {
        var table = DispositionStatistics.Build([new(Guid.NewGuid(), CaseSources.Audit, nameof(DispositionMeasure.Removal), new DateOnly(year, month, day))],
            2024, 2026, new DateOnly(2026, 12, 31));
        table.Sum("cadres").ShouldBe(counted ? 1 : 0);
    }

    [Fact]
    public void D4_by_default_the_figures_are_the_three_county_years_up_to_this_one()
    {
        DispositionStatistics.Years(null, null, new DateOnly(2026, 1, 1)).ShouldBe((2024, 2026));
        DispositionStatistics.Years(2020, 2022, new DateOnly(2026, 1, 1)).ShouldBe((2020, 2022));
    }
}
