using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Inspections;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class InspectionRulesTests
{
    static readonly DateOnly Today = new(2026, 11, 20);
    static readonly Guid Cadre = Guid.NewGuid();

    static Refusal? Announce(DateOnly startsOn, int posts, int candidates, string? leader = "组长 李某", bool publicSelection = false) =>
        InspectionRules.CheckAnnouncement(Today, startsOn, posts, [Cadre, .. Enumerable.Range(1, candidates - 1).Select(_ => Guid.NewGuid())], Cadre,
            leader, publicSelection, publicSelectionCandidatesPerPost: 3);

    [Fact]
    public void V1_an_inspection_announced_the_day_before_it_starts_is_accepted() =>
        Announce(Today.AddDays(1), posts: 1, candidates: 2).ShouldBeNull();

    [Fact]
    public void V1_an_inspection_announced_on_its_first_day_is_refused()
    {
        var refusal = Announce(Today, posts: 1, candidates: 2).ShouldNotBeNull();

        refusal.Field.ShouldBe("startsOn");
        refusal.RuleId.ShouldBe("V1");
    }

    [Fact]
    public void V1_one_candidate_for_one_post_is_not_differential() =>
        Announce(Today.AddDays(3), posts: 1, candidates: 1).ShouldNotBeNull().Field.ShouldBe("candidates");

    [Fact]
    public void V1_three_candidates_for_two_posts_is_differential() =>
        Announce(Today.AddDays(3), posts: 2, candidates: 3).ShouldBeNull();

    [Fact]
    public void V1_a_public_selection_with_two_candidates_for_one_post_is_refused() =>
        Announce(Today.AddDays(3), posts: 1, candidates: 2, publicSelection: true).ShouldNotBeNull().RuleId.ShouldBe("V1");

    [Fact]
    public void V1_a_public_selection_with_three_candidates_per_post_is_accepted() =>
        Announce(Today.AddDays(3), posts: 2, candidates: 6, publicSelection: true).ShouldBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void V1_an_inspection_without_a_responsible_team_leader_is_refused(string? leader) =>
        Announce(Today.AddDays(3), posts: 1, candidates: 2, leader).ShouldNotBeNull().Field.ShouldBe("teamLeader");

    [Fact]
    public void V1_a_finding_before_the_first_day_is_refused_and_on_it_accepted()
    {
        var inspection = new Inspection { TenantId = "t", TeamLeader = "组长", RecordedBy = "x", StartsOn = Today, Candidates = [Cadre] };

        InspectionRules.CheckConclusion(Today.AddDays(-1), inspection, Cadre).ShouldNotBeNull().RuleId.ShouldBe("V1");
        InspectionRules.CheckConclusion(Today, inspection, Cadre).ShouldBeNull();
    }
}
