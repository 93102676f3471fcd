using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.FollowUp;
using Orchestration.Disposition.NonLeadershipTransfer;
using Orchestration.Disposition.Measures;
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
        Enum.GetValues<DispositionMeasure>().Length.ShouldBe(11); // with 诫勉 and 停职检查
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
    public void D6_quarters_are_counted_from_the_measure_and_two_revisits_in_one_count_once()
    {
        var decided = new DateOnly(2026, 2, 10);

        // quarter 1: 02-10 … 05-09, quarter 2: 05-10 … 08-09, quarter 3: 08-10 … 11-09, quarter 4: 11-10 …
        FollowUpRules.QuartersRevisited(decided, [new(2026, 2, 10), new(2026, 5, 9), new(2026, 5, 10), new(2026, 11, 9), new(2026, 11, 10)]).ShouldBe(4);
        FollowUpRules.QuartersRevisited(decided, [new(2025, 11, 10), new(2026, 1, 10)]).ShouldBe(0); // before the measure: no quarter
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

public sealed class MeasureRulesTests
{
    static readonly DispositionOptions Seed = new();
    static readonly DateOnly Decided = new(2026, 3, 1);

    [Theory]
    [InlineData(-400, false)] // revisits 100–400 days before the case were accepted: refused
    [InlineData(-100, false)]
    [InlineData(-1, false)]
    [InlineData(0, true)]     // on the decision day
    [InlineData(200, true)]   // today
    [InlineData(201, false)]  // tomorrow
    public void D6_a_revisit_is_dated_between_the_measure_and_today(int days, bool allowed)
    {
        var verdict = FollowUpRules.Dated(FollowUpKinds.Revisit, Decided, Decided.AddDays(200), Decided.AddDays(days), []);

        verdict.Allowed.ShouldBe(allowed);
        if (!allowed) (verdict.RuleId, verdict.Field).ShouldBe(("D6", "heldOn"));
    }

    [Theory]
    [InlineData("2026-05-31", false)] // 「每季度……回访一次」: still the first quarter since 03-01, which has its revisit
    [InlineData("2026-06-01", true)]  // the second quarter begins three months after the measure
    public void D6_one_revisit_per_quarter_of_elapsed_time_since_the_measure(string second, bool allowed)
    {
        var verdict = FollowUpRules.Dated(FollowUpKinds.Revisit, Decided, new DateOnly(2027, 1, 1), DateOnly.Parse(second), [new(2026, 3, 15)]);

        verdict.Allowed.ShouldBe(allowed);
        if (!allowed) verdict.RuleId.ShouldBe("D6");
    }

    [Fact]
    public void D6_monthly_talks_are_not_limited_to_one_a_quarter()
    {
        FollowUpRules.Dated(FollowUpKinds.Talk, Decided, new DateOnly(2027, 1, 1), new DateOnly(2026, 3, 20), [new(2026, 3, 15)]).Allowed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Demotion", "2028-02-29", true)]  // 降职的，两年内不得提拔: the last day of the two years
    [InlineData("Demotion", "2028-03-01", false)] // the second anniversary: the bar is gone
    [InlineData("Removal", "2028-02-29", true)]   // 免职的，两年内不得担任高于原任职务层次的职务
    [InlineData("Removal", "2028-03-01", false)]
    public void D6_demotion_and_removal_bar_for_two_years_from_the_decision(string measure, string asOf, bool active)
    {
        var bar = MeasureBarRules.Of(Guid.NewGuid(), measure, Decided, DateOnly.Parse(asOf))!;

        bar.Active.ShouldBe(active);
        bar.Until.ShouldBe(new DateOnly(2028, 3, 1));
        bar.Bar.ShouldBe(measure == "Demotion" ? BarKinds.NoPromotion : BarKinds.NoPostAboveOriginalLevel);
    }

    [Fact]
    public void D6_other_measures_bar_nothing_and_a_removed_cadre_may_return_at_the_original_level()
    {
        MeasureBarRules.Of(Guid.NewGuid(), nameof(DispositionMeasure.OffPostTraining), Decided, Decided).ShouldBeNull();
        var removal = MeasureBarRules.Of(Guid.NewGuid(), nameof(DispositionMeasure.Removal), Decided, Decided);
        MeasureBarRules.Reinstatement(removal, aboveOriginalLevel: false).Allowed.ShouldBeTrue();
        MeasureBarRules.Reinstatement(removal, aboveOriginalLevel: true).Allowed.ShouldBeFalse();
        MeasureBarRules.Reinstatement(MeasureBarRules.Of(Guid.NewGuid(), nameof(DispositionMeasure.Demotion), Decided, Decided), false).Allowed.ShouldBeFalse();
        var cadre = MeasureBarRules.ForCadre(Guid.NewGuid(), Decided, [removal!]);
        (cadre.MayBePromoted, cadre.MayTakePostAboveOriginalLevel).ShouldBe((true, false));
    }

    [Fact]
    public void D4_an_admonishment_or_suspension_case_refuses_the_six_steps()
    {
        StepRules.Check(DispositionSteps.Initiation, DispositionSteps.Investigation, null, proposedMeasure: nameof(DispositionMeasure.Admonishment))
            .RuleId.ShouldBe("D4");
        StepRules.Check(DispositionSteps.Initiation, DispositionSteps.Investigation, null, proposedMeasure: nameof(DispositionMeasure.SuspensionForExamination))
            .RuleId.ShouldBe("D4");
        StepRules.Check(DispositionSteps.Initiation, DispositionSteps.Investigation, null, proposedMeasure: DispositionOutcomes.Adjustment).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void D4_the_admonishment_talk_is_recorded_once_on_an_admonishment_case_with_who_held_it()
    {
        var today = new DateOnly(2026, 6, 1);
        string Talk(string proposed, string step, bool onRecord, DateOnly on, string who = "county secretary") =>
            ShortPathRules.Talk(proposed, step, onRecord, Decided, today, on, who, "talked about the complaints") is { Allowed: false } v ? v.RuleId! : "ok";

        Talk("Admonishment", DispositionSteps.Initiation, false, today).ShouldBe("ok");
        Talk("Admonishment", DispositionSteps.AdmonishmentTalk, true, today).ShouldBe("D4");
        Talk("Adjustment", DispositionSteps.Initiation, false, today).ShouldBe("D4");
        Talk("Admonishment", DispositionSteps.Initiation, false, Decided.AddDays(-1)).ShouldBe("D6");
        Talk("Admonishment", DispositionSteps.Initiation, false, today.AddDays(1)).ShouldBe("D6");
        Talk("Admonishment", DispositionSteps.Initiation, false, today, who: " ").ShouldBe("C1");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void D5_health_too_poor_for_the_post_moves_a_leader_without_a_duration(bool tooPoor, bool due)
    {
        // 「或因身體原因較差，難以擔負現職領導工作的」 (seed 003)
        var verdict = TransferRules.Assess(new TransferCircumstances(new DateOnly(1980, 1, 1), Sex.Male, HealthTooPoorForPost: tooPoor), Decided, Seed);

        verdict.Due.ShouldBe(due);
        if (due) verdict.Grounds.Single().Source.ShouldBe(CaseSources.Health);
    }

    [Fact]
    public void D5_an_older_outstanding_leader_moves_one_level_up_and_a_low_education_leader_is_placed_elsewhere()
    {
        // 「對各方面比較優秀，但年齡較大的實職干部，改任上一級非領導職務退居二線」; 「對學歷偏低而改任非領導職務的干部，原則上"就地免職、易地安置"」
        var older = TransferRules.Assess(new TransferCircumstances(new DateOnly(1976, 1, 1), Sex.Male, OlderButOutstanding: true), Decided, Seed);
        var education = TransferRules.Assess(new TransferCircumstances(new DateOnly(1976, 1, 1), Sex.Male, EducationBelowPost: true), Decided, Seed);
        var neither = TransferRules.Assess(new TransferCircumstances(new DateOnly(1976, 1, 1), Sex.Male), Decided, Seed);

        older.Grounds.Single().Placement.ShouldBe(TransferPlacements.NonLeadershipPostOneLevelUp);
        education.Grounds.Single().Placement.ShouldBe(TransferPlacements.RemovedInPlacePlacedElsewhere);
        education.Grounds.Single().Source.ShouldBe(CaseSources.Education);
        neither.Due.ShouldBeFalse();
    }
}
