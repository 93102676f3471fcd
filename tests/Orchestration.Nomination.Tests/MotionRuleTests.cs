// Property names: the service defaults switch FluentValidation to camelCase for the whole process once a host starts, so
// rule tests compare field names without regard to case.
using Microsoft.Extensions.Options;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Motions;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

public sealed class MotionRuleTests
{
    static readonly NominationOptions Defaults = new();
    readonly RaiseMotionValidator validator = new(Options.Create(Defaults));

    static RaiseMotion Motion(MotionGround ground = MotionGround.PostVacancy, int adjusted = 5, int promoted = 2, string? approval = null,
        Guid? namedCadre = null, string? postForPerson = null, bool narrows = false, string direction = "配强乡镇班子", string criteria = "德才兼备、以德为先") =>
        new(Guid.NewGuid(), "county", Guid.NewGuid(), ground, AdjustmentKind.Partial, direction, criteria, adjusted, promoted,
            SuperiorApprovalReference: approval, NamedCadreId: namedCadre, PostForPerson: postForPerson, NarrowsSelectionRange: narrows,
            Posts: ground == MotionGround.PostVacancy ? [new MotionPost("县财政局", "副局长")] : null);

    static QuotaUsage Usage(int batches = 0, int sessions = 0, int adjusted = 0, int posts = 100) => new(batches, sessions, adjusted, posts);

    [Theory]
    [InlineData(MotionGround.AnnualAssessmentResults)]
    [InlineData(MotionGround.OrganizationDepartmentProposal)]
    [InlineData(MotionGround.LeadershipTeamProblem)]
    [InlineData(MotionGround.PostVacancy)]
    public void N1_each_allowed_ground_is_accepted(MotionGround ground)
    {
        validator.Validate(Motion(ground)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void N1_a_ground_that_is_neither_one_of_the_four_nor_another_is_refused()
    {
        var result = validator.Validate(Motion((MotionGround)5));

        result.Errors.ShouldHaveSingleItem().ErrorCode.ShouldBe("N1");
        result.Errors[0].PropertyName.ShouldBe(nameof(RaiseMotion.Ground), StringCompareShould.IgnoreCase);
    }

    [Fact]
    public void N1_another_ground_needs_its_reason_and_the_four_need_none()
    {
        // 「一般是以下四种情况」: generally, so another ground is allowed when it says why.
        var failure = validator.Validate(Motion(MotionGround.Other)).Errors.ShouldHaveSingleItem();
        failure.ErrorCode.ShouldBe("N1");
        failure.PropertyName.ShouldBe(nameof(RaiseMotion.OtherGroundReason), StringCompareShould.IgnoreCase);
        validator.Validate(Motion(MotionGround.Other) with { OtherGroundReason = "上级统一部署的交流" }).IsValid.ShouldBeTrue();
        validator.Validate(Motion(MotionGround.PostVacancy)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void N1_a_motion_naming_a_cadre_is_refused()
    {
        var failure = validator.Validate(Motion(namedCadre: Guid.NewGuid())).Errors.ShouldHaveSingleItem();

        failure.PropertyName.ShouldBe(nameof(RaiseMotion.NamedCadreId), StringCompareShould.IgnoreCase);
        failure.ErrorCode.ShouldBe("N1");
    }

    [Fact]
    public void N1_a_motion_earmarking_a_post_for_someone_is_refused()
    {
        var failure = validator.Validate(Motion(postForPerson: "某镇镇长")).Errors.ShouldHaveSingleItem();

        failure.PropertyName.ShouldBe(nameof(RaiseMotion.PostForPerson), StringCompareShould.IgnoreCase);
        failure.ErrorCode.ShouldBe("N1");
    }

    [Fact]
    public void N1_a_motion_narrowing_the_selection_range_is_refused()
    {
        var failure = validator.Validate(Motion(narrows: true)).Errors.ShouldHaveSingleItem();

        failure.PropertyName.ShouldBe(nameof(RaiseMotion.NarrowsSelectionRange), StringCompareShould.IgnoreCase);
        failure.ErrorCode.ShouldBe("N1");
    }

    [Fact]
    public void N1_a_motion_without_direction_or_criteria_is_refused()
    {
        var result = validator.Validate(Motion(direction: "", criteria: " "));

        result.Errors.Select(e => e.PropertyName.ToLowerInvariant()).ShouldBe(["direction", "criteria"], ignoreOrder: true);
        result.Errors.ShouldAllBe(e => e.ErrorCode == "N1");
    }

    [Fact]
    public void N2_promoting_30_cadres_needs_no_superior_approval()
    {
        validator.Validate(Motion(adjusted: 40, promoted: 30)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void N2_promoting_31_cadres_without_superior_approval_is_refused()
    {
        var failure = validator.Validate(Motion(adjusted: 40, promoted: 31)).Errors.ShouldHaveSingleItem();

        failure.PropertyName.ShouldBe(nameof(RaiseMotion.SuperiorApprovalReference), StringCompareShould.IgnoreCase);
        failure.ErrorCode.ShouldBe("N2");
    }

    [Fact]
    public void N2_promoting_31_cadres_with_a_recorded_superior_approval_is_accepted()
    {
        validator.Validate(Motion(adjusted: 40, promoted: 31, approval: "州组干〔2026〕12号")).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void N2_the_promotion_limit_is_a_setting()
    {
        var strict = new RaiseMotionValidator(Options.Create(new NominationOptions { PromotionsWithoutSuperiorApproval = 10 }));

        strict.Validate(Motion(adjusted: 20, promoted: 10)).IsValid.ShouldBeTrue();
        strict.Validate(Motion(adjusted: 20, promoted: 11)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void N2_the_second_batch_adjustment_of_a_term_is_allowed()
    {
        MotionQuotas.Check(AdjustmentKind.Batch, 5, Usage(batches: 1), Defaults).ShouldBeNull();
    }

    [Fact]
    public void N2_the_third_batch_adjustment_of_a_term_is_refused()
    {
        var refusal = MotionQuotas.Check(AdjustmentKind.Batch, 5, Usage(batches: 2), Defaults).ShouldNotBeNull();

        refusal.RuleId.ShouldBe("N2");
        refusal.Field.ShouldBe("kind");
    }

    [Fact]
    public void N2_the_fifth_decision_session_of_a_year_is_allowed()
    {
        MotionQuotas.Check(AdjustmentKind.Partial, 1, Usage(sessions: 4), Defaults).ShouldBeNull();
    }

    [Fact]
    public void N2_the_sixth_decision_session_of_a_year_is_refused()
    {
        var refusal = MotionQuotas.Check(AdjustmentKind.Partial, 1, Usage(sessions: 5), Defaults).ShouldNotBeNull();

        refusal.RuleId.ShouldBe("N2");
        refusal.Field.ShouldBe("kind");
    }

    [Fact]
    public void N2_batch_adjustments_do_not_use_the_yearly_sessions_nor_sessions_the_batches()
    {
        MotionQuotas.Check(AdjustmentKind.Batch, 1, Usage(sessions: 5), Defaults).ShouldBeNull();
        MotionQuotas.Check(AdjustmentKind.Partial, 1, Usage(batches: 2), Defaults).ShouldBeNull();
    }

    [Fact]
    public void N2_adjusting_exactly_half_of_the_terms_posts_is_allowed()
    {
        MotionQuotas.Check(AdjustmentKind.Partial, 10, Usage(adjusted: 40, posts: 100), Defaults).ShouldBeNull();
    }

    [Fact]
    public void N2_adjusting_more_than_half_of_the_terms_posts_is_refused()
    {
        var refusal = MotionQuotas.Check(AdjustmentKind.Partial, 11, Usage(adjusted: 40, posts: 100), Defaults).ShouldNotBeNull();

        refusal.RuleId.ShouldBe("N2");
        refusal.Field.ShouldBe("cadresAdjusted");
    }

    [Fact]
    public void N2_half_of_an_odd_number_of_posts_rounds_down()
    {
        MotionQuotas.Check(AdjustmentKind.Partial, 50, Usage(posts: 101), Defaults).ShouldBeNull();
        MotionQuotas.Check(AdjustmentKind.Partial, 51, Usage(posts: 101), Defaults).ShouldNotBeNull();
    }

    [Fact]
    public void N2_the_quotas_are_settings()
    {
        var looser = new NominationOptions { BatchAdjustmentsPerTerm = 3, DecisionSessionsPerYear = 6, AdjustedShareOfPostsPerTerm = 0.6m };

        MotionQuotas.Check(AdjustmentKind.Batch, 1, Usage(batches: 2), looser).ShouldBeNull();
        MotionQuotas.Check(AdjustmentKind.Partial, 1, Usage(sessions: 5), looser).ShouldBeNull();
        MotionQuotas.Check(AdjustmentKind.Partial, 60, Usage(posts: 100), looser).ShouldBeNull();
        MotionQuotas.Check(AdjustmentKind.Partial, 61, Usage(posts: 100), looser).ShouldNotBeNull();
    }
}
