using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.Recommendations;

public sealed record CountRecommendationRequest(
    Guid CadreId, int MeetingVotesFor, int MeetingBallotsCast, int? ConversationsFor = null, int? ConversationsHeld = null, Guid? ProcedureId = null,
    ChannelResult[]? Channels = null);

internal sealed class CountRecommendationValidator : AbstractValidator<CountRecommendationRequest>
{
    public CountRecommendationValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.MeetingBallotsCast).GreaterThan(0).WithErrorCode("N5").WithMessage("A recommendation needs at least one ballot.");
        RuleFor(r => r.MeetingVotesFor).InclusiveBetween(0, int.MaxValue)
            .LessThanOrEqualTo(r => r.MeetingBallotsCast).WithErrorCode("N5").WithMessage("More votes for than ballots cast.");
        RuleFor(r => r.ConversationsHeld).NotNull().When(r => r.ConversationsFor is not null).WithErrorCode("N5")
            .WithMessage("Conversation recommendations need the number of conversations held.");
        RuleFor(r => r.ConversationsHeld).GreaterThan(0).When(r => r.ConversationsHeld is not null).WithErrorCode("N5");
        RuleFor(r => r.ConversationsFor).NotNull().When(r => r.ConversationsHeld is not null).WithErrorCode("N5")
            .WithMessage("Conversations were held: say how many recommended the nominee.");
        RuleFor(r => r.ConversationsFor).InclusiveBetween(0, int.MaxValue).LessThanOrEqualTo(r => r.ConversationsHeld ?? int.MaxValue)
            .When(r => r.ConversationsFor is not null).WithErrorCode("N5").WithMessage("More recommendations than conversations held.");
        // N7: each channel counted once, with a count that makes a share.
        RuleFor(r => r.Channels).Must(channels => channels!.Select(c => c.Channel).Distinct().Count() == channels!.Length)
            .When(r => r.Channels is not null).WithErrorCode("N7").WithMessage("A channel is counted once per round.");
        RuleForEach(r => r.Channels).NotNull().ChildRules(channel =>
        {
            channel.RuleFor(c => c.Channel).IsInEnum().WithErrorCode("N7");
            channel.RuleFor(c => c.Total).GreaterThan(0).WithErrorCode("N7").WithMessage("A channel needs at least one recommender.");
            channel.RuleFor(c => c.For).InclusiveBetween(0, int.MaxValue).LessThanOrEqualTo(c => c.Total).WithErrorCode("N7")
                .WithMessage("More recommendations than recommenders in the channel.");
        });
    }
}

internal static class RecommendationEndpoints
{
    public static void MapRecommendationRounds(this RouteGroupBuilder nomination)
    {
        var rounds = nomination.MapGroup("/recommendation-rounds");

        rounds.MapPost("/", async (CountRecommendationRequest request, RecommendationRounds recommendations, NominationDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var command = new ConcludeRecommendationRound(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.MeetingVotesFor, request.MeetingBallotsCast, request.ConversationsFor, request.ConversationsHeld, request.Channels);
                var round = recommendations.Conclude(command, http.User.ActorId());
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/nomination/recommendation-rounds/{round.Id}", round);
            })
            .WithValidation<CountRecommendationRequest>()
            .WithSummary("Counts a democratic recommendation round, applies N5 (50% / both over half) and combines the channels by weight (N7).");

        rounds.MapGet("/{id:guid}", async (Guid id, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            await db.RecommendationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.TenantId == http.User.TenantId(), ct)
                is { } round ? Results.Ok(round) : Results.Problem(statusCode: 404, title: "No such recommendation round."));

        rounds.MapGet("/", async (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.RecommendationRounds.AsNoTracking().Where(r => r.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(r => r.CadreId == cadre);
            return await query.OrderBy(r => r.RecordedAt).Take(500).ToListAsync(ct);
        });
    }
}
