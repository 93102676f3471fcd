using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Decisions;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class DecisionRulesTests
{
    [Fact]
    public void V6_six_of_ten_members_present_is_no_quorum()
    {
        var verdict = DecisionRules.Decide(10, 6, votesFor: 6, deferredBySecretary: false);

        verdict.Outcome.ShouldBe(DecisionOutcomes.QuorumMissing);
        verdict.RuleId.ShouldBe("V6");
    }

    [Fact]
    public void V6_seven_of_ten_members_present_is_a_quorum()
    {
        DecisionRules.Decide(10, 7, votesFor: 6, deferredBySecretary: false).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Theory]
    [InlineData(9, 6, true)]   // exactly two thirds attend
    [InlineData(9, 5, false)]
    [InlineData(11, 8, true)]  // 24 >= 22
    [InlineData(11, 7, false)] // 21 < 22
    public void V6_the_quorum_is_two_thirds_of_the_committee(int total, int present, bool quorate)
    {
        (DecisionRules.Decide(total, present, votesFor: total, deferredBySecretary: false).Outcome != DecisionOutcomes.QuorumMissing).ShouldBe(quorate);
    }

    [Fact]
    public void V6_five_of_ten_for_is_not_more_than_half_of_the_committee()
    {
        var verdict = DecisionRules.Decide(10, 8, votesFor: 5, deferredBySecretary: false);

        verdict.Outcome.ShouldBe(DecisionOutcomes.Rejected);
        verdict.RuleId.ShouldBe("V6");
    }

    [Fact]
    public void V6_six_of_ten_for_is_more_than_half()
    {
        DecisionRules.Decide(10, 8, votesFor: 6, deferredBySecretary: false).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public void V6_a_majority_of_those_present_but_not_of_the_committee_is_rejected()
    {
        // 5 of 7 present is a majority of the room, but not more than half of 10 members.
        DecisionRules.Decide(10, 7, votesFor: 5, deferredBySecretary: false).Outcome.ShouldBe(DecisionOutcomes.Rejected);
    }

    [Fact]
    public void V6_the_secretary_may_defer_a_contested_decision()
    {
        var verdict = DecisionRules.Decide(10, 9, votesFor: 6, deferredBySecretary: true);

        verdict.Outcome.ShouldBe(DecisionOutcomes.Deferred);
        verdict.RuleId.ShouldBe("V6");
    }
}
