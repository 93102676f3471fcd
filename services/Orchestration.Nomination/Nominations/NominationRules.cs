using Orchestration.ServiceDefaults.Commands;
using FluentValidation;
using Orchestration.Contracts.Disposition;
using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Nominations;

/// <summary>N6 — a failure names the cadre and the stage they failed at; the cool-off starts from it.</summary>
public sealed class RecordNominationFailureValidator : AbstractValidator<RecordNominationFailure>
{
    public RecordNominationFailureValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty().WithErrorCode("N6");
        RuleFor(r => r.Stage).IsInEnum().WithErrorCode("N6");
        RuleFor(r => r.Reason).MaximumLength(1000);
    }
}

/// <summary>N8 — a disqualifier names the cadre, its kind and where it comes from (a verified report, the discipline commission).</summary>
public sealed class RecordDisqualifierValidator : AbstractValidator<RecordDisqualifier>
{
    public RecordDisqualifierValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty().WithErrorCode("N8");
        RuleFor(r => r.Kind).IsInEnum().WithErrorCode("N8");
        RuleFor(r => r.Source).NotEmpty().WithErrorCode("N8").WithMessage("Say where the record comes from.")
            .MaximumLength(200).WithErrorCode("N8");
        RuleFor(r => r.Details).MaximumLength(4000);
    }
}

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
/// cool-off (经考察不符合提拔条件或在讨论决定中未获通过的，一年内不得再次推荐; one year by default), counted on county dates.
/// <para>
/// What was decided: the cool-off runs from the county date of the failure (China Standard Time, whatever the UTC date of the
/// instant) to its anniversary, and the cadre may be nominated again from the anniversary's county midnight. Failed on
/// 2027-02-28 → nominated again from 2028-02-28. Failed at 00:30 on 2027-03-01 in Beijing, which is 16:30 UTC on 28 February,
/// the failure is of 1 March: the cool-off ends on 2028-03-01, not on 2028-02-28 (the anniversary of the UTC date), nor on
/// 2028-02-29 (one year of UTC instants, which in 2028 lands on the leap day). A failure on a leap day (2028-02-29) has its
/// anniversary on 2029-02-28, the last day of February, as 民法典 art. 202 counts a period whose month has no such day.
/// </para>
/// </summary>
public static class CoolOff
{
    /// <summary>The first county date the cadre may be nominated again: the anniversary of the failure's county date.</summary>
    public static DateOnly EndsOn(DateOnly failedOn, int years) => failedOn.AddYears(years);

    public static Refusal? Check(DateOnly? lastFailedOn, DateOnly today, int years) =>
        lastFailedOn is { } failedOn && today < EndsOn(failedOn, years)
            ? new("cadreId", "N6", $"The cadre failed inspection or the decision meeting on {failedOn:yyyy-MM-dd}; they cannot be nominated again before {EndsOn(failedOn, years):yyyy-MM-dd}.")
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

/// <summary>
/// D6 at the nomination — what a disposition measure bars under the 2021《党政领导干部组织处理规定》, as the disposition service
/// reports each measure: a demoted cadre (降职) is not promoted, a removed cadre (免职) takes no post above the former level, within
/// two years of the decision. "两年内" ends the day before the second anniversary: on the anniversary the bar is gone.
/// </summary>
public static class MeasureBarCheck
{
    public const int BarYears = 2;

    public static DateOnly Until(DateOnly decidedOn) => decidedOn.AddYears(BarYears);

    public static Refusal? Check(IEnumerable<MeasureBarRecord> bars, DateOnly today, bool promotion, bool aboveFormerLevel)
    {
        foreach (var bar in bars.Where(b => today < b.Until).OrderBy(b => b.DecidedOn))
        {
            if (bar.Measure == nameof(DispositionMeasure.Demotion) && promotion)
                return new("promotion", "D6",
                    $"The cadre was demoted (降职) on {bar.DecidedOn:yyyy-MM-dd}: no promotion before {bar.Until:yyyy-MM-dd}.");
            if (bar.Measure == nameof(DispositionMeasure.Removal) && aboveFormerLevel)
                return new("aboveFormerLevel", "D6",
                    $"The cadre was removed (免职) on {bar.DecidedOn:yyyy-MM-dd}: no post above the former level before {bar.Until:yyyy-MM-dd}.");
        }
        return null;
    }
}
