using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Recommendations;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

public sealed class WeightedRecommendationTests
{
    static readonly ChannelWeights Defaults = new();

    [Fact]
    public void N7_the_default_weights_add_up_to_one()
    {
        Enum.GetValues<RecommendationChannel>().Sum(Defaults.Of).ShouldBe(1m);
    }

    [Fact]
    public void N7_all_six_channels_combine_by_their_weights()
    {
        // 0.30×0.5 + 0.25×0.6 + 0.20×1 + 0.10×0.5 + 0.10×0 + 0.05×1 = 0.15 + 0.15 + 0.20 + 0.05 + 0 + 0.05 = 0.60
        ChannelResult[] channels =
        [
            new(RecommendationChannel.MassRecommendation, 50, 100),
            new(RecommendationChannel.LeadersAndCommitteeMembers, 12, 20),
            new(RecommendationChannel.Organization, 1, 1),
            new(RecommendationChannel.IndividualLeaders, 1, 2),
            new(RecommendationChannel.DeputiesAndCommitteeMembers, 0, 3),
            new(RecommendationChannel.SelfRecommendation, 1, 1),
        ];

        WeightedRecommendation.Combine(channels, Defaults).ShouldBe(0.6m);
    }

    [Fact]
    public void N7_channels_not_held_drop_out_and_the_others_are_reweighted()
    {
        // (0.30×0.6 + 0.25×0.8 + 0.20×1) / (0.30 + 0.25 + 0.20) = 0.58 / 0.75 = 0.773333…
        ChannelResult[] channels =
        [
            new(RecommendationChannel.MassRecommendation, 60, 100),
            new(RecommendationChannel.LeadersAndCommitteeMembers, 8, 10),
            new(RecommendationChannel.Organization, 1, 1),
        ];

        WeightedRecommendation.Combine(channels, Defaults).ShouldBe(0.773333m);
    }

    [Fact]
    public void N7_the_weights_are_settings()
    {
        ChannelResult[] channels = [new(RecommendationChannel.MassRecommendation, 60, 100), new(RecommendationChannel.Organization, 0, 1)];

        WeightedRecommendation.Combine(channels, Defaults).ShouldBe(0.36m); // 0.18 / 0.50
        WeightedRecommendation.Combine(channels, new ChannelWeights { MassRecommendation = 0.8m, Organization = 0.2m }).ShouldBe(0.48m);
    }

    [Fact]
    public void N7_the_meeting_ballot_is_the_mass_channel_unless_that_channel_is_given()
    {
        var added = WeightedRecommendation.WithMeetingBallot([new(RecommendationChannel.Organization, 1, 1)], 70, 100);
        added.ShouldBe([new(RecommendationChannel.MassRecommendation, 70, 100), new(RecommendationChannel.Organization, 1, 1)]);

        var kept = WeightedRecommendation.WithMeetingBallot([new(RecommendationChannel.MassRecommendation, 300, 400)], 70, 100);
        kept.ShouldBe([new(RecommendationChannel.MassRecommendation, 300, 400)]);
    }

    [Fact]
    public void N7_no_channel_held_gives_no_score()
    {
        WeightedRecommendation.Combine([new(RecommendationChannel.Organization, 0, 0)], Defaults).ShouldBeNull();
    }
}
