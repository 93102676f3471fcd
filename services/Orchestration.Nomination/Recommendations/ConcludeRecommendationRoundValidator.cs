using FluentValidation;
using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Recommendations;

/// <summary>
/// N5 — a round counts at least one ballot, no more votes than ballots and, when conversations were held, how many of them
/// recommended the nominee. N7 — each channel is counted once, with a count that makes a share. Over HTTP and over the bus alike.
/// </summary>
public sealed class ConcludeRecommendationRoundValidator : AbstractValidator<ConcludeRecommendationRound>
{
    public ConcludeRecommendationRoundValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.MeetingBallotsCast).GreaterThan(0).WithErrorCode("N5").WithMessage("A recommendation needs at least one ballot.");
        RuleFor(r => r.MeetingVotesFor).InclusiveBetween(0, int.MaxValue).WithErrorCode("N5")
            .LessThanOrEqualTo(r => r.MeetingBallotsCast).WithErrorCode("N5").WithMessage("More votes for than ballots cast.");
        RuleFor(r => r.ConversationsHeld).NotNull().When(r => r.ConversationsFor is not null).WithErrorCode("N5")
            .WithMessage("Conversation recommendations need the number of conversations held.");
        RuleFor(r => r.ConversationsHeld).GreaterThan(0).When(r => r.ConversationsHeld is not null).WithErrorCode("N5");
        RuleFor(r => r.ConversationsFor).NotNull().When(r => r.ConversationsHeld is not null).WithErrorCode("N5")
            .WithMessage("Conversations were held: say how many recommended the nominee.");
        RuleFor(r => r.ConversationsFor).InclusiveBetween(0, int.MaxValue).WithErrorCode("N5")
            .LessThanOrEqualTo(r => r.ConversationsHeld ?? int.MaxValue).WithErrorCode("N5").WithMessage("More recommendations than conversations held.")
            .When(r => r.ConversationsFor is not null);
        RuleFor(r => r.Channels).Must(channels => channels!.Select(c => c.Channel).Distinct().Count() == channels!.Length)
            .When(r => r.Channels is not null).WithErrorCode("N7").WithMessage("A channel is counted once per round.");
        RuleForEach(r => r.Channels).NotNull().WithErrorCode("N7").ChildRules(channel =>
        {
            channel.RuleFor(c => c.Channel).IsInEnum().WithErrorCode("N7");
            channel.RuleFor(c => c.Total).GreaterThan(0).WithErrorCode("N7").WithMessage("A channel needs at least one recommender.");
            channel.RuleFor(c => c.For).InclusiveBetween(0, int.MaxValue).WithErrorCode("N7")
                .LessThanOrEqualTo(c => c.Total).WithErrorCode("N7").WithMessage("More recommendations than recommenders in the channel.");
        });
    }
}
