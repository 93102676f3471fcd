using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Triggers;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

public sealed class TriggerRulesTests
{
    static readonly DispositionOptions Seed = new();

    static TriggerVerdict Evaluate(decimal satisfaction = 0.9m, decimal dissatisfaction = 0.05m, decimal incompetent = 0m, int bottomYears = 0) =>
        TriggerRules.Evaluate(satisfaction, dissatisfaction, incompetent, bottomYears, Seed);

    [Fact]
    public void D2_satisfaction_of_74_9_percent_bars_an_excellent_rating()
    {
        var verdict = Evaluate(satisfaction: 0.749m);

        verdict.MayBeRatedExcellent.ShouldBeFalse();
        verdict.Fired.ShouldContain(f => f.Contains("cannot be rated excellent"));
        verdict.Outcome.ShouldBe(DispositionOutcomes.NoAction);
    }

    [Fact]
    public void D2_satisfaction_of_75_percent_may_be_rated_excellent()
    {
        Evaluate(satisfaction: 0.75m).MayBeRatedExcellent.ShouldBeTrue();
    }

    [Theory]
    [InlineData("0.20", "NoAction")]
    [InlineData("0.201", "Admonishment")]
    [InlineData("0.50", "Admonishment")]
    [InlineData("0.501", "Adjustment")]
    public void D2_dissatisfaction_above_20_percent_calls_for_admonishment_and_above_50_percent_for_adjustment(string dissatisfaction, string outcome)
    {
        Evaluate(satisfaction: 0.4m, dissatisfaction: decimal.Parse(dissatisfaction, System.Globalization.CultureInfo.InvariantCulture))
            .Outcome.ShouldBe(outcome);
    }

    [Theory]
    [InlineData("0.299", "NoAction")]
    [InlineData("0.30", "Demotion")]
    public void D2_incompetent_votes_of_30_percent_or_more_call_for_demotion(string incompetent, string outcome)
    {
        Evaluate(incompetent: decimal.Parse(incompetent, System.Globalization.CultureInfo.InvariantCulture)).Outcome.ShouldBe(outcome);
    }

    [Fact]
    public void D2_two_years_running_in_the_bottom_group_calls_for_adjustment()
    {
        Evaluate(bottomYears: 1).Outcome.ShouldBe(DispositionOutcomes.NoAction);
        Evaluate(bottomYears: 2).Outcome.ShouldBe(DispositionOutcomes.Adjustment);
    }

    [Fact]
    public void D2_the_most_severe_measure_wins_and_every_trigger_that_fired_is_reported()
    {
        var verdict = Evaluate(satisfaction: 0.3m, dissatisfaction: 0.6m, incompetent: 0.35m, bottomYears: 2);

        verdict.Outcome.ShouldBe(DispositionOutcomes.Demotion);
        verdict.Fired.Count.ShouldBe(5);
    }
}
