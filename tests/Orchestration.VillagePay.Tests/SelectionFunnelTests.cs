using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Selection;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

public sealed class SelectionFunnelTests
{
    static readonly VillagePayOptions Seed = new();

    [Theory]
    [InlineData(206, 11)] // seed 004: 5% of 206 is 10.3
    [InlineData(200, 10)]
    [InlineData(201, 11)]
    [InlineData(1, 1)]
    public void P3_the_places_are_at_least_5_percent_of_all_villages_rounded_up(int villages, int places)
    {
        SelectionFunnel.MinimumPlaces(villages, Seed).ShouldBe(places);
    }

    [Theory]
    [InlineData(SelectionStage.EnlargedMeeting, 33)]
    [InlineData(SelectionStage.TownshipCommittee, 22)]
    [InlineData(SelectionStage.Inspection, 14)] // 11 + 20%, 13.2 rounded up
    [InlineData(SelectionStage.LeadingGroup, 11)]
    [InlineData(SelectionStage.TownshipReview, null)]
    [InlineData(SelectionStage.Publicity, null)]
    public void P3_each_ratio_stage_keeps_its_ratio_of_11_places(SelectionStage stage, int? target)
    {
        SelectionFunnel.Target(stage, 11, Seed).ShouldBe(target);
    }

    [Fact]
    public void P3_the_inspection_differential_rounds_up_from_just_above_a_whole_number()
    {
        SelectionFunnel.Target(SelectionStage.Inspection, 10, Seed).ShouldBe(12); // exactly 12.0
        SelectionFunnel.Target(SelectionStage.Inspection, 6, Seed).ShouldBe(8); // 7.2
    }

    [Fact]
    public void P3_the_enlarged_meeting_keeps_exactly_3_per_place_when_enough_remain()
    {
        SelectionFunnel.Check(SelectionStage.EnlargedMeeting, 11, pool: 60, advancing: 33, Seed).Problem.ShouldBeNull();
        SelectionFunnel.Check(SelectionStage.EnlargedMeeting, 11, pool: 60, advancing: 32, Seed).Problem.ShouldNotBeNull();
        SelectionFunnel.Check(SelectionStage.EnlargedMeeting, 11, pool: 60, advancing: 34, Seed).Problem.ShouldNotBeNull();
    }

    [Fact]
    public void P3_when_fewer_remain_than_the_ratio_all_go_on_and_the_shortfall_is_reported()
    {
        var verdict = SelectionFunnel.Check(SelectionStage.EnlargedMeeting, 11, pool: 30, advancing: 30, Seed);

        verdict.Problem.ShouldBeNull();
        verdict.Shortfall.ShouldBe(3);
        SelectionFunnel.Check(SelectionStage.EnlargedMeeting, 11, pool: 30, advancing: 29, Seed).Problem.ShouldNotBeNull();
    }

    [Fact]
    public void P3_a_review_keeps_whoever_qualifies_and_reports_fewer_than_the_places()
    {
        SelectionFunnel.Check(SelectionStage.TownshipReview, 11, pool: 40, advancing: 11, Seed).ShouldBe(new StageVerdict(null, null, 0, null));
        SelectionFunnel.Check(SelectionStage.TownshipReview, 11, pool: 40, advancing: 10, Seed).Shortfall.ShouldBe(1);
        SelectionFunnel.Check(SelectionStage.TownshipReview, 11, pool: 40, advancing: 41, Seed).Problem.ShouldNotBeNull();
    }
}
