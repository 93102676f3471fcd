using FluentValidation;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;

namespace Orchestration.Vetting.Decisions;

/// <summary>
/// V6 and C2 — what a decision meeting must state, on every door: the counts fit the committee (members present at most all members,
/// votes at most those present), every member present is named once (C2), an open ballot says how each voted and agrees with the
/// counts, and the meeting was run as V6 asks (the secretary speaks last; a principal post goes to the full committee's secret
/// ballot). Names are compared after trimming and Unicode NFC normalization, so <c>"王 "</c> and <c>"王"</c> are one member.
/// </summary>
internal sealed class HoldDecisionMeetingValidator : AbstractValidator<HoldDecisionMeeting>
{
    public HoldDecisionMeetingValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.MembersTotal).GreaterThan(0).WithErrorCode("V6").WithMessage("The committee has at least one member.");
        When(c => c.Promotion is not null, () =>
        {
            RuleFor(c => c.Promotion!.FromRank).IsInEnum().WithErrorCode("V7").OverridePropertyName("promotion.fromRank");
            RuleFor(c => c.Promotion!.ToRank).IsInEnum().WithErrorCode("V7").OverridePropertyName("promotion.toRank");
            RuleFor(c => c.Promotion!.ToRank).Must((c, to) => to > c.Promotion!.FromRank).WithErrorCode("V7")
                .WithMessage("A promotion goes to a higher rank than the present one.").OverridePropertyName("promotion.toRank");
        });
        RuleFor(c => c.MembersPresent).GreaterThanOrEqualTo(0).WithErrorCode("V6")
            .LessThanOrEqualTo(c => c.MembersTotal).WithErrorCode("V6").WithMessage("More members present than the committee has.");
        RuleFor(c => c.VotesFor).GreaterThanOrEqualTo(0).WithErrorCode("V6");
        RuleFor(c => c.VotesAgainst).GreaterThanOrEqualTo(0).WithErrorCode("V6");
        RuleFor(c => c.VotesFor + c.VotesAgainst).LessThanOrEqualTo(c => c.MembersPresent).WithErrorCode("V6")
            .OverridePropertyName(nameof(HoldDecisionMeeting.VotesFor)).WithMessage("More votes than members present.");

        RuleFor(c => c.Voters).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("C2").WithMessage("Name every member present: who voted is part of the accountability record.")
            .Must(voters => voters.All(v => !string.IsNullOrWhiteSpace(v))).WithErrorCode("C2").WithMessage("A voter is not named.")
            .Must(voters => MemberNames.Repeated(voters).Count == 0).WithErrorCode("C2")
            .WithMessage((_, voters) => $"A member is named more than once: {string.Join(", ", MemberNames.Repeated(voters))}.")
            .Must((c, voters) => voters.Length == c.MembersPresent).WithErrorCode("C2")
            .WithMessage((c, voters) => $"{c.MembersPresent} members present, {voters.Length} named: name every member present, once.");

        When(c => !c.SecretBallot, () =>
            RuleFor(c => c.Ballots).Cascade(CascadeMode.Stop)
                .NotEmpty().WithErrorCode("C2")
                .WithMessage("An open ballot records how each member present voted (seed 002: those who opposed or abstained bear no responsibility).")
                .Must(ballots => ballots!.All(b => b is not null && !string.IsNullOrWhiteSpace(b.Member))).WithErrorCode("C2")
                .WithMessage("A ballot names no member.")
                .Must(ballots => MemberNames.Repeated(ballots!.Select(b => b.Member)).Count == 0).WithErrorCode("C2")
                .WithMessage((_, ballots) => $"A member has more than one ballot: {string.Join(", ", MemberNames.Repeated(ballots!.Select(b => b.Member)))}.")
                .Must((c, ballots) => c.Voters is null || MemberNames.Same(c.Voters, ballots!.Select(b => b.Member))).WithErrorCode("C2")
                .WithMessage("The ballots name other members than the voters: each member present has one ballot.")
                .Must((c, ballots) => ballots!.Count(b => b.Vote == BallotVote.For) == c.VotesFor
                                      && ballots!.Count(b => b.Vote == BallotVote.Against) == c.VotesAgainst).WithErrorCode("V6")
                .WithMessage((c, ballots) => $"The ballots count {ballots!.Count(b => b.Vote == BallotVote.For)} for and " +
                                             $"{ballots!.Count(b => b.Vote == BallotVote.Against)} against; the meeting states {c.VotesFor} and {c.VotesAgainst}."));
        When(c => c.SecretBallot, () =>
            RuleFor(c => c.Ballots).Empty().WithErrorCode("C2").WithMessage("A secret ballot records who took part, not how each voted."));
        RuleForEach(c => c.Ballots).ChildRules(ballot => ballot.RuleFor(b => b.Vote).IsInEnum().WithErrorCode("C2"));

        RuleFor(c => c.Body).IsInEnum().WithErrorCode("V6");
        RuleForEach(c => c.PreFilingCases).IsInEnum().WithErrorCode("V7");
        RuleFor(c => c).RefusedBy(c => DecisionRules.CheckConduct(c.SpeakingOrder, c.Secretary, c.Body, c.PrincipalPost, c.SecretBallot));
    }
}

internal sealed class ReconsiderDecisionValidator : AbstractValidator<ReconsiderDecision>
{
    public ReconsiderDecisionValidator()
    {
        RuleFor(c => c.MembersTotal).GreaterThan(0).WithErrorCode("V6").WithMessage("The committee has at least one member.");
        RuleFor(c => c.MeetingId).NotEmpty().When(c => c.CadreId == Guid.Empty).WithErrorCode("V6")
            .WithMessage("Name the decided meeting or the cadre whose latest decision is to be reconsidered.");
        RuleFor(c => c.Consenting).Cascade(CascadeMode.Stop).NotNull().WithErrorCode("V6")
            .Must((c, consenting) => MemberNames.Distinct(consenting).Count <= c.MembersTotal).WithErrorCode("V6")
            .WithMessage("More members consenting than the committee has.");
    }
}

/// <summary>Committee members' names as the record keeps and compares them: trimmed, NFC, blanks dropped.</summary>
public static class MemberNames
{
    public static string Normalize(string name) => SaneInput.NormalizeName(name);

    public static List<string> Distinct(IEnumerable<string?> names) =>
        [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Normalize(n!)).Distinct(StringComparer.Ordinal)];

    public static List<string> Repeated(IEnumerable<string?> names) =>
        [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Normalize(n!)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)];

    public static bool Same(IEnumerable<string?> some, IEnumerable<string?> others) =>
        Distinct(some).ToHashSet(StringComparer.Ordinal).SetEquals(Distinct(others));

    public static bool Equal(string? one, string? other) =>
        one is not null && other is not null && Normalize(one) == Normalize(other);
}
