using Orchestration.Nomination.Recommendations;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

public sealed class RecommendationThresholdTests
{
    const decimal Half = 0.5m;

    [Fact]
    public void N5_a_meeting_share_of_49_99_percent_is_not_an_inspection_candidate()
    {
        var verdict = RecommendationThreshold.Evaluate(4999, 10000, null, null, Half);

        verdict.Passed.ShouldBeFalse();
        verdict.RuleId.ShouldBe("N5");
        verdict.MeetingShare.ShouldBe(0.4999m);
    }

    [Fact]
    public void N5_a_meeting_share_of_50_01_percent_passes()
    {
        var verdict = RecommendationThreshold.Evaluate(5001, 10000, null, null, Half);

        verdict.Passed.ShouldBeTrue();
        verdict.RuleId.ShouldBeNull();
    }

    [Fact]
    public void N5_exactly_half_in_a_single_channel_is_not_below_the_threshold()
    {
        RecommendationThreshold.Evaluate(50, 100, null, null, Half).Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData(5001, 5001, true)]   // both exceed half: 双过半
    [InlineData(5001, 4999, false)]  // conversations below
    [InlineData(4999, 5001, false)]  // ballots below
    [InlineData(5000, 5001, false)]  // exactly half does not exceed it
    public void N5_with_both_channels_both_must_exceed_half(int ballotsFor, int conversationsFor, bool passes)
    {
        var verdict = RecommendationThreshold.Evaluate(ballotsFor, 10000, conversationsFor, 10000, Half);

        verdict.Passed.ShouldBe(passes);
        verdict.RuleId.ShouldBe(passes ? null : "N5");
    }

    [Fact]
    public void N5_the_threshold_is_a_setting()
    {
        RecommendationThreshold.Evaluate(60, 100, null, null, 0.6m).Passed.ShouldBeTrue();
        RecommendationThreshold.Evaluate(59, 100, null, null, 0.6m).Passed.ShouldBeFalse();
    }
}
