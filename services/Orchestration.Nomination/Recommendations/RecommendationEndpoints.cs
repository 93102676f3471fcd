using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.Recommendations;

public sealed record CountRecommendationRequest(
    Guid CadreId, int MeetingVotesFor, int MeetingBallotsCast, int? ConversationsFor = null, int? ConversationsHeld = null, Guid? ProcedureId = null,
    ChannelResult[]? Channels = null)
{
    public ConcludeRecommendationRound ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, MeetingVotesFor,
        MeetingBallotsCast, ConversationsFor, ConversationsHeld, Channels);
}

/// <summary>A counted round as the API shows it.</summary>
public sealed record RecommendationRoundResponse(
    Guid Id, Guid ProcedureId, Guid CadreId, int MeetingVotesFor, int MeetingBallotsCast, int? ConversationsFor, int? ConversationsHeld,
    decimal MeetingShare, decimal? ConversationShare, IReadOnlyList<ChannelResult> Channels, decimal? WeightedScore, bool Passed, string? RuleId,
    string? Reason, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static RecommendationRoundResponse From(RecommendationRound r) => new(r.Id, r.ProcedureId, r.CadreId, r.MeetingVotesFor,
        r.MeetingBallotsCast, r.ConversationsFor, r.ConversationsHeld, r.MeetingShare, r.ConversationShare, r.Channels, r.WeightedScore, r.Passed,
        r.RuleId, r.Reason, r.RecordedBy, r.RecordedAt);
}

internal static class RecommendationEndpoints
{
    public static void MapRecommendationRounds(this RouteGroupBuilder nomination)
    {
        var rounds = nomination.MapGroup("/recommendation-rounds");

        rounds.MapPost("/", async Task<Created<RecommendationRoundResponse>> (CountRecommendationRequest request, RecommendationRounds recommendations,
                CommandPipeline pipeline, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var round = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), recommendations.Conclude, ct);
                return TypedResults.Created($"/api/nomination/recommendation-rounds/{round.Id}", RecommendationRoundResponse.From(round));
            })
            .ProducesValidationProblem()
            .WithSummary("Counts a democratic recommendation round, applies N5 (50% / both over half) and combines the channels by weight (N7).");

        rounds.MapGet("/{id:guid}", async Task<Results<Ok<RecommendationRoundResponse>, ProblemHttpResult>> (Guid id, NominationDbContext db,
                HttpContext http, CancellationToken ct) =>
            await db.RecommendationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.TenantId == http.User.TenantId(), ct) is { } round
                ? TypedResults.Ok(RecommendationRoundResponse.From(round))
                : TypedResults.Problem(statusCode: 404, title: "No such recommendation round."))
            .WithSummary("One democratic recommendation round with its weighted result (N5, N7).");

        rounds.MapGet("/", async Task<Ok<RecommendationRoundResponse[]>> (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.RecommendationRounds.AsNoTracking().Where(r => r.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(r => r.CadreId == cadre);
            var found = await query.OrderBy(r => r.RecordedAt).Take(500).ToListAsync(ct);
            return TypedResults.Ok(found.Select(RecommendationRoundResponse.From).ToArray());
        })
            .WithSummary("The county's recommendation rounds, optionally of one cadre (N5).");
    }
}
