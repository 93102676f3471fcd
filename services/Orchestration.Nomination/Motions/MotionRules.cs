using Orchestration.ServiceDefaults.Commands;
using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Motions;

/// <summary>
/// N1 — a motion is raised on one of four grounds and states direction, criteria and requirements; it must not name a person,
/// earmark a post for someone or narrow the selection range (提方向原则不指定具体职位, 提选任标准不提具体人选, 提选拔要求不限定选拔范围).
/// N2 (the part that needs no history) — a motion adjusts at least one cadre, promotes no more than it adjusts, and promoting
/// more than 30 needs the superior department's prior approval.
/// </summary>
public sealed class RaiseMotionValidator : AbstractValidator<RaiseMotion>
{
    public RaiseMotionValidator(IOptions<NominationOptions> options)
    {
        var settings = options.Value;
        RuleFor(m => m.TermId).NotEmpty().WithErrorCode("N2").WithMessage("Name the committee term the adjustment counts against.");
        RuleFor(m => m.Ground).IsInEnum().WithErrorCode("N1")
            .WithMessage("A motion is raised after the annual assessment, on the organization department's proposal, for a prominent problem or a vacant post, or on another ground with its reason.");
        // 「一般是以下四种情况」: generally, not only; another ground states why.
        RuleFor(m => m.OtherGroundReason).NotEmpty().When(m => m.Ground == MotionGround.Other).WithErrorCode("N1")
            .WithMessage("A motion on another ground than the four states its reason.").MaximumLength(2000);
        When(m => m.QuotaException is not null, () =>
        {
            RuleFor(m => m.QuotaException!.Reason).NotEmpty().WithErrorCode("N2").WithMessage("A special case states its reason.").MaximumLength(2000)
                .OverridePropertyName("quotaException.reason");
            RuleFor(m => m.QuotaException!.ApprovedBy).NotEmpty().WithErrorCode("N2").WithMessage("Name the secretary who approved the special case.")
                .MaximumLength(200).OverridePropertyName("quotaException.approvedBy");
            RuleFor(m => m.QuotaException!.Reference).NotEmpty().WithErrorCode("N2").WithMessage("Say where the secretary's approval is kept.")
                .MaximumLength(200).OverridePropertyName("quotaException.reference");
        });
        RuleFor(m => m.Kind).IsInEnum().WithErrorCode("N2");
        RuleFor(m => m.Direction).NotEmpty().WithErrorCode("N1").WithMessage("A motion states its direction.").MaximumLength(2000);
        RuleFor(m => m.Criteria).NotEmpty().WithErrorCode("N1").WithMessage("A motion states its criteria.").MaximumLength(2000);
        RuleFor(m => m.Requirements).MaximumLength(2000);
        RuleFor(m => m.NamedCadreId).Null().WithErrorCode("N1").WithMessage("A motion must not name a person (不提具体人选).");
        RuleFor(m => m.PostForPerson).Empty().WithErrorCode("N1").WithMessage("A motion must not earmark a post for someone (不指定具体职位).");
        RuleFor(m => m.NarrowsSelectionRange).Equal(false).WithErrorCode("N1").WithMessage("A motion must not narrow the selection range (不限定选拔范围).");
        RuleFor(m => m.CadresAdjusted).GreaterThan(0).WithErrorCode("N2").WithMessage("A motion adjusts at least one cadre.");
        RuleFor(m => m.CadresPromoted).InclusiveBetween(0, int.MaxValue).LessThanOrEqualTo(m => m.CadresAdjusted).WithErrorCode("N2")
            .WithMessage("Promotions are part of the cadres adjusted.");
        RuleFor(m => m.SuperiorApprovalReference).NotEmpty().When(m => m.CadresPromoted > settings.PromotionsWithoutSuperiorApproval)
            .WithErrorCode("N2")
            .WithMessage($"Promoting more than {settings.PromotionsWithoutSuperiorApproval} cadres needs the superior organization department's prior approval; give its reference.");
        RuleFor(m => m.SuperiorApprovalReference).MaximumLength(200);
        // N9: a motion on the vacancy ground lists the posts it fills, so they are checked against the units' establishment.
        RuleFor(m => m.Posts).NotEmpty().When(m => m.Ground == MotionGround.PostVacancy).WithErrorCode("N9")
            .WithMessage("A motion for vacant posts lists them (unit and post), so they are checked against the units' approved posts (编制职数).");
        RuleFor(m => m.Posts!.Length).LessThanOrEqualTo(m => m.CadresAdjusted).When(m => m.Posts is not null).WithErrorCode("N9")
            .WithMessage("A motion fills no more posts than the cadres it adjusts.").OverridePropertyName("posts");
        RuleForEach(m => m.Posts).ChildRules(post =>
        {
            post.RuleFor(p => p.Unit).NotEmpty().WithErrorCode("N9").MaximumLength(200);
            post.RuleFor(p => p.Title).NotEmpty().WithErrorCode("N9").MaximumLength(200);
        });
        When(m => m.OverEstablishment is not null, () =>
        {
            RuleFor(m => m.OverEstablishment!.Reason).NotEmpty().WithErrorCode("N9")
                .WithMessage("State why the unit needs posts beyond its establishment.").MaximumLength(2000).OverridePropertyName("overEstablishment.reason");
            RuleFor(m => m.OverEstablishment!.SuperiorReviewReference).NotEmpty().WithErrorCode("N9")
                .WithMessage("超职数配备 is reviewed by the superior organization department before the decision (seed 002); give the review's reference.").MaximumLength(200)
                .OverridePropertyName("overEstablishment.superiorReviewReference");
        });
    }
}

/// <summary>
/// N2 — the approval names the motion (or comes from the procedure that raised it) and the standing committee's decision.
/// </summary>
public sealed class ApproveMotionValidator : AbstractValidator<ApproveMotion>
{
    public ApproveMotionValidator()
    {
        RuleFor(m => m.MotionId).NotNull().When(m => m.ProcedureId == Guid.Empty).WithErrorCode("N2")
            .WithMessage("Name the motion to approve, or approve from the procedure that raised it.");
        RuleFor(m => m.MotionId).NotEqual(Guid.Empty).When(m => m.MotionId is not null).WithErrorCode("N2");
        RuleFor(m => m.DecisionReference).MaximumLength(200);
    }
}

/// <summary>What the term and the year have used of N2's quotas: adjustments approved before this one.</summary>
public sealed record QuotaUsage(int BatchAdjustmentsInTerm, int DecisionSessionsInYear, int CadresAdjustedInTerm, int LeadershipPosts);

/// <summary>
/// N2 — per committee term at most 2 batch adjustments and at most 50% of the leadership posts adjusted (exactly half is
/// allowed); per calendar year at most 5 decision sessions on some appointments. All numbers are settings. 「如无特殊情况」: a motion
/// carrying a special case approved by the secretary (<see cref="QuotaException"/>) is not held to them.
/// </summary>
public static class MotionQuotas
{
    public static Refusal? Check(AdjustmentKind kind, int cadresAdjusted, QuotaUsage usage, NominationOptions settings)
    {
        if (kind == AdjustmentKind.Batch && usage.BatchAdjustmentsInTerm >= settings.BatchAdjustmentsPerTerm)
            return new("kind", "N2", $"The term has had {usage.BatchAdjustmentsInTerm} batch adjustments; at most {settings.BatchAdjustmentsPerTerm} are allowed per term.");

        if (kind == AdjustmentKind.Partial && usage.DecisionSessionsInYear >= settings.DecisionSessionsPerYear)
            return new("kind", "N2", $"The year has had {usage.DecisionSessionsInYear} decision sessions on appointments; at most {settings.DecisionSessionsPerYear} are allowed per year.");

        var allowed = settings.AdjustedShareOfPostsPerTerm * usage.LeadershipPosts;
        var total = usage.CadresAdjustedInTerm + cadresAdjusted;
        if (total > allowed)
            return new("cadresAdjusted", "N2",
                $"The term would adjust {total} cadres, more than {settings.AdjustedShareOfPostsPerTerm:P0} of its {usage.LeadershipPosts} leadership posts ({allowed:0.#}).");

        return null;
    }
}
