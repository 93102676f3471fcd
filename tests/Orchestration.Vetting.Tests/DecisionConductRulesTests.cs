using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.PreFiling;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class DecisionConductRulesTests
{
    [Fact]
    public void V6_an_order_where_the_secretary_speaks_before_others_is_refused()
    {
        var refusal = DecisionRules.CheckConduct(["书记", "member-2", "member-3"], "书记", DecisionBody.StandingCommittee, false, false).ShouldNotBeNull();

        refusal.Field.ShouldBe("speakingOrder");
        refusal.RuleId.ShouldBe("V6");
    }

    [Fact]
    public void V6_the_secretary_second_to_last_is_still_before_others() =>
        DecisionRules.CheckConduct(["member-2", "书记", "member-3"], "书记", DecisionBody.StandingCommittee, false, false).ShouldNotBeNull();

    [Fact]
    public void V6_the_secretary_speaking_last_is_allowed() =>
        DecisionRules.CheckConduct(["member-2", "member-3", "书记"], "书记", DecisionBody.StandingCommittee, false, false).ShouldBeNull();

    [Fact]
    public void V6_a_principal_post_decided_by_the_standing_committee_is_refused() =>
        DecisionRules.CheckConduct(null, null, DecisionBody.StandingCommittee, principalPost: true, secretBallot: true).ShouldNotBeNull().Field.ShouldBe("body");

    [Fact]
    public void V6_a_principal_post_by_open_vote_of_the_full_committee_is_refused() =>
        DecisionRules.CheckConduct(null, null, DecisionBody.FullCommittee, principalPost: true, secretBallot: false).ShouldNotBeNull().Field.ShouldBe("secretBallot");

    [Fact]
    public void V6_a_principal_post_by_secret_ballot_of_the_full_committee_is_allowed() =>
        DecisionRules.CheckConduct(null, null, DecisionBody.FullCommittee, principalPost: true, secretBallot: true).ShouldBeNull();

    [Fact]
    public void V6_reconsideration_with_four_of_ten_consenting_is_refused()
    {
        var verdict = DecisionRules.Reconsider(10, 4);

        verdict.Outcome.ShouldBe(Outcomes.Failed);
        verdict.RuleId.ShouldBe("V6");
    }

    /// <summary>「一半以上常委同意」: 以上 includes the number, so exactly half consents.</summary>
    [Theory]
    [InlineData(10, 5)]
    [InlineData(9, 5)]
    [InlineData(10, 6)]
    public void V6_reconsideration_with_half_of_the_committee_or_more_consenting_is_allowed(int members, int consenting) =>
        DecisionRules.Reconsider(members, consenting).Outcome.ShouldBe(Outcomes.Passed);

    [Fact]
    public void V6_reconsideration_with_four_of_nine_consenting_is_refused() =>
        DecisionRules.Reconsider(9, 4).Outcome.ShouldBe(Outcomes.Failed);

    static PreFilingReview Review(bool approved, int minutes, params PreFilingCase[] cases) => new()
    {
        TenantId = "t", Reviewer = "州委组织部", RecordedBy = "x", Approved = approved, Cases = [.. cases],
        RecordedAt = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(minutes),
    };

    [Fact]
    public void V7_deciding_an_exceptional_promotion_without_a_recorded_approval_is_refused()
    {
        var refusal = PreFilingRules.Check([PreFilingCase.ExceptionalPromotion], []).ShouldNotBeNull();

        refusal.RuleId.ShouldBe("V7");
        refusal.Field.ShouldBe("preFilingCases");
    }

    [Fact]
    public void V7_deciding_with_the_approval_recorded_is_allowed() =>
        PreFilingRules.Check([PreFilingCase.ExceptionalPromotion], [Review(true, 0, PreFilingCase.ExceptionalPromotion)]).ShouldBeNull();

    [Fact]
    public void V7_an_approval_of_one_case_does_not_cover_another() =>
        PreFilingRules.Unapproved([PreFilingCase.OverQuota, PreFilingCase.PastSanction], [Review(true, 0, PreFilingCase.OverQuota)])
            .ShouldBe([PreFilingCase.PastSanction]);

    [Fact]
    public void V7_a_refused_review_applies_even_when_the_decision_does_not_name_the_case() =>
        PreFilingRules.Unapproved([], [Review(false, 0, PreFilingCase.Contested)]).ShouldBe([PreFilingCase.Contested]);

    [Fact]
    public void V7_the_latest_review_of_a_case_decides() =>
        PreFilingRules.Unapproved([], [Review(false, 0, PreFilingCase.Contested), Review(true, 5, PreFilingCase.Contested)]).ShouldBeEmpty();

    [Fact]
    public void V7_no_case_no_review_needed() => PreFilingRules.Check([], []).ShouldBeNull();
}
