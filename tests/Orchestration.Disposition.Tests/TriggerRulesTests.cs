using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Triggers;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

public sealed class TriggerRulesTests
{
    static readonly DispositionOptions Seed = new();

    static TriggerVerdict Evaluate(decimal satisfaction = 0.9m, decimal dissatisfaction = 0.05m, decimal incompetent = 0m, int bottomYears = 0,
        int specialBottom = 0, int partyConductFailures = 0, bool unsatisfactoryReview = false, bool lastInPerformanceReview = false) =>
        TriggerRules.Evaluate(new EvaluationResults(satisfaction, dissatisfaction, incompetent, bottomYears, specialBottom, partyConductFailures,
            unsatisfactoryReview, lastInPerformanceReview), Seed);

    static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void D2_satisfaction_of_74_9_percent_bars_an_excellent_rating()
    {
        var verdict = Evaluate(satisfaction: 0.749m);

        verdict.MayBeRatedExcellent.ShouldBeFalse();
        verdict.Fired.Single().Code.ShouldBe(TriggerRules.SatisfactionBelowExcellent);
        verdict.Fired.Single().RuleId.ShouldBe("D2");
        verdict.Outcome.ShouldBe(DispositionOutcomes.NoAction);
    }

    [Fact]
    public void D2_satisfaction_of_75_percent_may_be_rated_excellent()
    {
        var verdict = Evaluate(satisfaction: 0.75m);

        verdict.MayBeRatedExcellent.ShouldBeTrue();
        verdict.Fired.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0.20", "NoAction", null)]
    [InlineData("0.201", "Admonishment", TriggerRules.DissatisfactionAdmonishment)]
    [InlineData("0.50", "Admonishment", TriggerRules.DissatisfactionAdmonishment)]
    [InlineData("0.501", "Adjustment", TriggerRules.DissatisfactionAdjustment)]
    public void D2_dissatisfaction_above_20_percent_calls_for_admonishment_and_above_50_percent_for_adjustment(string dissatisfaction, string outcome,
        string? firedLast)
    {
        var verdict = Evaluate(satisfaction: 0.4m, dissatisfaction: D(dissatisfaction));

        verdict.Outcome.ShouldBe(outcome);
        verdict.Fired.Where(f => f.Code != TriggerRules.SatisfactionBelowExcellent).LastOrDefault()?.Code.ShouldBe(firedLast);
    }

    [Theory]
    [InlineData("0.299", "NoAction")]
    [InlineData("0.30", "Demotion")]
    public void D2_incompetent_votes_of_30_percent_or_more_call_for_demotion(string incompetent, string outcome)
    {
        var verdict = Evaluate(incompetent: D(incompetent));

        verdict.Outcome.ShouldBe(outcome);
        verdict.Fired.Any(f => f.Code == TriggerRules.IncompetentVotes).ShouldBe(outcome == "Demotion");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void D2_two_years_running_in_the_bottom_group_calls_for_adjustment(int years, bool fires)
    {
        var verdict = Evaluate(bottomYears: years);

        verdict.Outcome.ShouldBe(fires ? DispositionOutcomes.Adjustment : DispositionOutcomes.NoAction);
        verdict.Fired.Any(f => f.Code == TriggerRules.BottomGroupYears).ShouldBe(fires);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void D2_twice_running_in_the_bottom_group_of_a_special_assessment_calls_for_adjustment(int times, bool fires)
    {
        var verdict = Evaluate(specialBottom: times);

        verdict.Outcome.ShouldBe(fires ? DispositionOutcomes.Adjustment : DispositionOutcomes.NoAction);
        verdict.Fired.Any(f => f.Code == TriggerRules.SpecialAssessmentBottom).ShouldBe(fires);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void D2_failing_the_party_conduct_assessment_twice_running_calls_for_adjustment(int failures, bool fires)
    {
        var verdict = Evaluate(partyConductFailures: failures);

        verdict.Outcome.ShouldBe(fires ? DispositionOutcomes.Adjustment : DispositionOutcomes.NoAction);
        verdict.Fired.Any(f => f.Code == TriggerRules.PartyConductFailures && f.RuleId == "D2").ShouldBe(fires);
    }

    [Fact]
    public void D2_an_unsatisfactory_rating_in_a_review_calls_for_adjustment()
    {
        Evaluate(unsatisfactoryReview: true).Fired.Single().Code.ShouldBe(TriggerRules.UnsatisfactoryReview);
        Evaluate(unsatisfactoryReview: false).Fired.ShouldBeEmpty();
    }

    [Fact]
    public void D2_last_place_in_the_performance_review_calls_for_demotion_or_removal()
    {
        // Seed 003: 「在政绩督查中排在末位而受到降免职处理」 (末位淘汰制); any other place calls for nothing.
        var last = Evaluate(lastInPerformanceReview: true);
        last.Outcome.ShouldBe(DispositionOutcomes.Demotion);
        last.Fired.Single().Code.ShouldBe(TriggerRules.PerformanceReviewLast);
        last.Fired.Single().RuleId.ShouldBe("D2");
        Evaluate(lastInPerformanceReview: false).Fired.ShouldBeEmpty();
    }

    [Fact]
    public void D2_the_most_severe_measure_wins_and_every_trigger_that_fired_is_reported()
    {
        var verdict = Evaluate(satisfaction: 0.3m, dissatisfaction: 0.6m, incompetent: 0.35m, bottomYears: 2, specialBottom: 2, partyConductFailures: 2,
            unsatisfactoryReview: true);

        verdict.Outcome.ShouldBe(DispositionOutcomes.Demotion);
        verdict.Fired.Select(f => f.Code).ShouldBe([TriggerRules.SatisfactionBelowExcellent, TriggerRules.DissatisfactionAdmonishment,
            TriggerRules.DissatisfactionAdjustment, TriggerRules.BottomGroupYears, TriggerRules.SpecialAssessmentBottom, TriggerRules.PartyConductFailures,
            TriggerRules.UnsatisfactoryReview, TriggerRules.IncompetentVotes], ignoreOrder: true);
    }

    [Fact]
    public void D2_the_party_conduct_count_is_a_setting()
    {
        TriggerRules.Evaluate(new EvaluationResults(0.9m, 0.05m, 0m, PartyConductFailures: 1), new DispositionOptions { PartyConductFailuresForAdjustment = 1 })
            .Outcome.ShouldBe(DispositionOutcomes.Adjustment);
    }
}
