using FluentValidation;
using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Nominations;

/// <summary>
/// N3 — nominators are a party organization, a leadership team, an individual leader or an election participant. An
/// individual leader files the registration form stating the relationship with the nominee; nobody may nominate their spouse,
/// children, direct relatives or own office staff (不准直接或间接推荐本人的配偶、子女、直系亲属和身边工作人员).
/// C2 — the nominator is named, so the nomination can be answered for.
/// </summary>
public sealed class NominateValidator : AbstractValidator<Nominate>
{
    public NominateValidator()
    {
        RuleFor(n => n.CadreId).NotEmpty();
        RuleFor(n => n.NominatorKind).IsInEnum().WithErrorCode("N3");
        RuleFor(n => n.NominatorId).NotEmpty().WithErrorCode("C2").WithMessage("Name the nominator: who nominates answers for it.").MaximumLength(200);
        RuleFor(n => n.DeclaredRelationship).NotNull().When(n => n.NominatorKind == NominatorKind.IndividualLeader).WithErrorCode("N3")
            .WithMessage("An individual leader files the registration form (推荐干部登记表) stating the relationship with the nominee.");
        RuleFor(n => n.DeclaredRelationship).IsInEnum().WithErrorCode("N3")
            .Must(relationship => !NominatorRules.IsForbidden(relationship!.Value)).When(n => n.DeclaredRelationship is not null).WithErrorCode("N3")
            .WithMessage(n => $"A nominator may not nominate their {n.DeclaredRelationship} (spouse, children, direct relatives and own office staff are excluded).");
        RuleFor(n => n.RecommendationStatement).MaximumLength(4000);
        RuleFor(n => n.ProposedPost).MaximumLength(200);
        RuleFor(n => n.OutsidePoolReason).MaximumLength(1000);
    }
}

public static class NominatorRules
{
    /// <summary>N3: relationships that forbid the nomination.</summary>
    public static bool IsForbidden(NomineeRelationship relationship) => relationship is
        NomineeRelationship.Spouse or NomineeRelationship.Child or NomineeRelationship.DirectRelative or NomineeRelationship.OwnOfficeStaff;
}

/// <summary>
/// N6 — a nominee who failed inspection or was not approved at the decision meeting cannot be nominated again within the
/// cool-off (one year by default), counted to the anniversary of the failure.
/// </summary>
public static class CoolOff
{
    public static DateTimeOffset EndsAt(DateTimeOffset failedAt, int years) => failedAt.AddYears(years);

    public static Refusal? Check(DateTimeOffset? lastFailedAt, DateTimeOffset now, int years) =>
        lastFailedAt is { } failedAt && now < EndsAt(failedAt, years)
            ? new("cadreId", "N6", $"The cadre failed inspection or the decision meeting on {failedAt:yyyy-MM-dd}; they cannot be nominated again before {EndsAt(failedAt, years):yyyy-MM-dd}.")
            : null;
}

/// <summary>
/// N4 — nominees normally come from the reserve pool. "Normally" is not "only": a nominee from outside the pool is accepted,
/// flagged <c>FromReservePool = false</c>, when the nomination states why; without a reason it is refused.
/// </summary>
public static class ReserveSource
{
    public static Refusal? Check(bool inReservePool, string? outsidePoolReason) =>
        inReservePool || !string.IsNullOrWhiteSpace(outsidePoolReason)
            ? null
            : new("outsidePoolReason", "N4", "The cadre is not in the reserve pool: state why they are nominated from outside it.");
}

/// <summary>N8 — a cadre with an integrity problem or a poor reputation on record is not nominated at all (一律不作为提名人选).</summary>
public static class Disqualification
{
    public static Refusal? Check(DisqualifierKind? standing) =>
        standing is { } kind
            ? new("cadreId", "N8", $"The cadre has a standing {kind} record and is not nominated.")
            : null;
}
