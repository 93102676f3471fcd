using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.PreFiling;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>
/// V7 — 破格提拔 found from the promotion the meeting decides and the cadre's file (2019 条例 art. 9–10; seed 002 「需要破格提拔的人员…
/// 在决定提拔前，要报州党委组织部审核」). 以上 includes the number: two, three and five years exactly qualify; a day less does not.
/// </summary>
public sealed class ExceptionalPromotionRulesTests
{
    static readonly DateOnly Today = new(2027, 6, 15);

    [Theory]
    [InlineData(CadreRank.SectionDeputy, "2025-06-15", CadreRank.SectionChief, false)] // 「副职岗位工作两年以上」: exactly two years
    [InlineData(CadreRank.SectionDeputy, "2025-06-16", CadreRank.SectionChief, true)]  // a day short
    [InlineData(CadreRank.SectionChief, "2024-06-15", CadreRank.DivisionDeputy, false)] // 「下级正职岗位工作三年以上」: exactly three
    [InlineData(CadreRank.SectionChief, "2024-06-16", CadreRank.DivisionDeputy, true)]
    [InlineData(CadreRank.DivisionDeputy, "2025-06-15", CadreRank.DivisionChief, false)]
    [InlineData(CadreRank.SectionDeputy, "2010-01-01", CadreRank.DivisionDeputy, true)] // 越级
    public void V7_the_years_in_rank_and_skipping_a_rank(CadreRank from, string since, CadreRank to, bool exceptional)
    {
        var reasons = ExceptionalPromotion.Reasons(new Promotion(from, DateOnly.Parse(since), to), workStartedOn: new DateOnly(2000, 1, 1), Today);

        (reasons.Count > 0).ShouldBe(exceptional, string.Join("; ", reasons));
    }

    [Theory]
    [InlineData("2022-06-15", false)] // 「五年以上工龄」: exactly five years
    [InlineData("2022-06-16", true)]
    public void V7_a_county_level_post_needs_five_years_of_work(string workStarted, bool exceptional)
    {
        var reasons = ExceptionalPromotion.Reasons(new Promotion(CadreRank.SectionChief, new DateOnly(2020, 1, 1), CadreRank.DivisionDeputy),
            DateOnly.Parse(workStarted), Today);

        (reasons.Count > 0).ShouldBe(exceptional, string.Join("; ", reasons));
    }

    [Fact]
    public void V7_a_township_level_post_does_not_count_the_years_of_work()
    {
        ExceptionalPromotion.Reasons(new Promotion(CadreRank.SectionDeputy, new DateOnly(2020, 1, 1), CadreRank.SectionChief), new DateOnly(2026, 1, 1), Today)
            .ShouldBeEmpty();
    }
}

/// <summary>V7 at the decision meeting: an exceptional promotion needs the superior's approval though nobody declared the case.</summary>
[Collection(VettingCollection.Name)]
public sealed class ExceptionalPromotionTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    static DateOnly CountyToday => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    RecordDecisionMeetingRequest Meeting(Guid cadreId, Guid procedureId, Promotion promotion) =>
        VettingApi.Meeting(cadreId, 10, 8, 6, 2) with { ProcedureId = procedureId, Promotion = promotion };

    [Fact]
    public async Task V7_a_deputy_promoted_after_one_year_waits_for_the_superiors_approval_and_then_is_decided()
    {
        var (cadreId, procedureId) = (Guid.NewGuid(), Guid.NewGuid());
        await api.OpenFile(cadreId);
        var promotion = new Promotion(CadreRank.SectionDeputy, CountyToday.AddYears(-1), CadreRank.SectionChief);

        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings", Meeting(cadreId, procedureId, promotion)), "preFilingCases", "V7");
        await api.Post<PreFilingReviewResponse>("pre-filings",
            new PreFilingReviewRequest(cadreId, [PreFilingCase.ExceptionalPromotion], true, "州委组织部", ProcedureId: procedureId));

        (await api.Post<DecisionMeetingResponse>("decision-meetings", Meeting(cadreId, procedureId, promotion))).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public async Task V7_a_deputy_with_three_years_in_rank_is_decided_without_a_review()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);

        (await api.Post<DecisionMeetingResponse>("decision-meetings",
                Meeting(cadreId, Guid.NewGuid(), new Promotion(CadreRank.SectionDeputy, CountyToday.AddYears(-3), CadreRank.SectionChief))))
            .Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public async Task V7_a_promotion_to_a_lower_or_the_same_rank_is_bad_input()
    {
        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings",
            Meeting(Guid.NewGuid(), Guid.NewGuid(), new Promotion(CadreRank.SectionChief, CountyToday.AddYears(-5), CadreRank.SectionChief))), "promotion.toRank", "V7");
    }
}
