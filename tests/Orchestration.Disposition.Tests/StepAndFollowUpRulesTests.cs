using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.FollowUp;
using Orchestration.Disposition.NonLeadershipTransfer;
using Orchestration.Disposition.Steps;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

public sealed class StepAndFollowUpRulesTests
{
    static readonly DispositionOptions Seed = new();

    [Fact]
    public void D3_the_six_steps_are_taken_in_order()
    {
        var at = DispositionSteps.Initiation;
        foreach (var step in DispositionSteps.InOrder.Skip(1))
        {
            StepRules.Check(at, step, step == DispositionSteps.Decision ? DispositionMeasure.Demotion : null).Allowed.ShouldBeTrue(step);
            at = step;
        }
    }

    [Theory]
    [InlineData("Initiation", "Analysis")]
    [InlineData("Investigation", "Decision")]
    [InlineData("Analysis", "NotificationTalk")]
    [InlineData("Decision", "FilingAndTracking")]
    [InlineData("Analysis", "Investigation")]
    [InlineData("Investigation", "Investigation")]
    [InlineData("FilingAndTracking", "FilingAndTracking")]
    public void D3_skipping_going_back_or_repeating_a_step_is_refused(string at, string requested)
    {
        var verdict = StepRules.Check(at, requested, null);

        verdict.Allowed.ShouldBeFalse();
        verdict.RuleId.ShouldBe("D3");
        verdict.Field.ShouldBe("step");
    }

    [Fact]
    public void D4_the_decision_takes_a_measure_and_no_other_step_does()
    {
        StepRules.Check(DispositionSteps.Analysis, DispositionSteps.Decision, null).RuleId.ShouldBe("D4");
        StepRules.Check(DispositionSteps.Initiation, DispositionSteps.Investigation, DispositionMeasure.Removal).RuleId.ShouldBe("D4");
    }

    [Fact]
    public void D4_every_measure_may_be_decided()
    {
        Enum.GetValues<DispositionMeasure>().Length.ShouldBe(9);
        foreach (var measure in Enum.GetValues<DispositionMeasure>())
            StepRules.Check(DispositionSteps.Analysis, DispositionSteps.Decision, measure).Allowed.ShouldBeTrue(measure.ToString());
    }

    [Theory]
    [InlineData(Sex.Male, "2026-05-09", false)] // 51 years and 364 days
    [InlineData(Sex.Male, "2026-05-10", true)]  // 52nd birthday
    [InlineData(Sex.Female, "2024-05-09", false)]
    [InlineData(Sex.Female, "2024-05-10", true)] // 50th birthday
    public void D5_men_move_at_52_and_women_at_50(Sex sex, string asOf, bool due)
    {
        var verdict = TransferRules.Assess(new TransferCircumstances(new DateOnly(1974, 5, 10), sex), DateOnly.Parse(asOf), Seed);

        verdict.Due.ShouldBe(due);
        if (due) verdict.Grounds.Single().Source.ShouldBe(CaseSources.Age);
    }

    [Fact]
    public void D5_the_age_transfer_date_is_the_birthday_of_the_configured_age()
    {
        TransferRules.AgeTransferDate(new DateOnly(1974, 5, 10), Sex.Male, Seed).ShouldBe(new DateOnly(2026, 5, 10));
        TransferRules.AgeTransferDate(new DateOnly(1974, 5, 10), Sex.Female, Seed).ShouldBe(new DateOnly(2024, 5, 10));
        TransferRules.AgeTransferDate(new DateOnly(1974, 5, 10), Sex.Male, new DispositionOptions { NonLeadershipAgeMen = 55 }).ShouldBe(new DateOnly(2029, 5, 10));
    }

    [Theory]
    [InlineData(364, false)] // 2025-03-01 → 2026-02-28: a day short of a year
    [InlineData(365, true)]  // 2025-03-01 → 2026-03-01: 「一年以上」 includes exactly one year
    [InlineData(366, true)]
    public void D5_unable_to_work_for_a_year_or_more_moves_a_leader(int days, bool due)
    {
        var since = new DateOnly(2025, 3, 1);

        var verdict = TransferRules.Assess(new TransferCircumstances(new DateOnly(1980, 1, 1), Sex.Male, UnableToWorkSince: since), since.AddDays(days), Seed);

        verdict.Due.ShouldBe(due);
        if (due) verdict.Grounds.Single().Source.ShouldBe(CaseSources.Health);
    }

    [Theory]
    [InlineData(9, true, false)]
    [InlineData(10, true, true)]
    [InlineData(12, false, false)]
    public void D5_long_in_post_with_mediocre_results_moves_a_leader(int years, bool mediocre, bool due)
    {
        var since = new DateOnly(2014, 7, 1);

        TransferRules.Assess(new TransferCircumstances(new DateOnly(1980, 1, 1), Sex.Male, InPostSince: since, ResultsMediocre: mediocre),
            since.AddYears(years), Seed).Due.ShouldBe(due);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void D6_reinstatement_needs_four_quarters_of_revisits(int quarters, bool allowed)
    {
        var verdict = FollowUpRules.Reinstatement(DispositionSteps.FilingAndTracking, false, quarters, inspectionPassed: true, Seed);

        verdict.Allowed.ShouldBe(allowed);
        if (!allowed) verdict.RuleId.ShouldBe("D6");
    }

    [Fact]
    public void D6_two_revisits_in_one_quarter_count_once()
    {
        FollowUpRules.QuartersRevisited([new(2026, 1, 5), new(2026, 3, 30), new(2026, 4, 1), new(2026, 12, 31), new(2027, 1, 1)]).ShouldBe(4);
    }

    [Fact]
    public void D6_reinstatement_needs_a_passed_inspection_and_a_filed_case()
    {
        FollowUpRules.Reinstatement(DispositionSteps.FilingAndTracking, false, 8, inspectionPassed: false, Seed).Field.ShouldBe("inspectionPassed");
        FollowUpRules.Reinstatement(DispositionSteps.NotificationTalk, false, 8, inspectionPassed: true, Seed).RuleId.ShouldBe("D6");
        FollowUpRules.Reinstatement(DispositionSteps.FilingAndTracking, true, 8, inspectionPassed: true, Seed).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void D6_the_revisit_count_is_a_setting()
    {
        FollowUpRules.Reinstatement(DispositionSteps.FilingAndTracking, false, 2, true, new DispositionOptions { ReinstatementRevisitQuarters = 2 })
            .Allowed.ShouldBeTrue();
    }
}
