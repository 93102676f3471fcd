using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.Recommendations;

/// <param name="CadreId">The nominee whose democratic recommendation (民主推荐) is counted.</param>
/// <param name="MeetingVotesFor">Meeting ballots recommending the nominee (会议推荐).</param>
/// <param name="MeetingBallotsCast">Meeting ballots cast, the base of the meeting share (N5: at least 50%).</param>
/// <param name="ConversationsFor">Conversations recommending the nominee (谈话推荐), when conversations were held.</param>
/// <param name="ConversationsHeld">Conversations held; with a meeting ballot both shares must exceed half (双过半, N5).</param>
/// <param name="ProcedureId">The procedure waiting for the count, resumed with its outcome; empty when none waits.</param>
/// <param name="Channels">The counts of the other recommendation channels, combined by their weights into one score (N7).</param>
public sealed record CountRecommendationRequest(
    Guid CadreId, int MeetingVotesFor, int MeetingBallotsCast, int? ConversationsFor = null, int? ConversationsHeld = null, Guid? ProcedureId = null,
    ChannelResult[]? Channels = null)
{
    public ConcludeRecommendationRound ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, MeetingVotesFor,
        MeetingBallotsCast, ConversationsFor, ConversationsHeld, Channels);
}

/// <summary>A counted round as the API shows it.</summary>
/// <param name="Id">The round's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The nominee counted.</param>
/// <param name="MeetingVotesFor">Meeting ballots recommending the nominee.</param>
/// <param name="MeetingBallotsCast">Meeting ballots cast.</param>
/// <param name="ConversationsFor">Conversations recommending the nominee; empty when none were held.</param>
/// <param name="ConversationsHeld">Conversations held; empty when none were.</param>
/// <param name="MeetingShare">The meeting share, 0 to 1 (N5).</param>
/// <param name="ConversationShare">The conversation share, 0 to 1 (N5); empty when no conversations were held.</param>
/// <param name="Channels">The counts of the other recommendation channels (N7).</param>
/// <param name="WeightedScore">The channels combined by their weights, 0 to 1 (N7); empty when no channels were counted.</param>
/// <param name="Passed">The nominee may become an inspection candidate (考察对象) (N5).</param>
/// <param name="RuleId">The rule that decided the outcome (e.g. V7); empty when none did.</param>
/// <param name="Reason">Why the round did not pass, in words; empty when it passed.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
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

        rounds.MapGet("/{id:guid}", async Task<Results<Ok<RecommendationRoundResponse>, ProblemHttpResult>> ([Description("The recommendation round's id.")] Guid id, NominationDbContext db,
                HttpContext http, CancellationToken ct) =>
            await db.RecommendationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.TenantId == http.User.TenantId(), ct) is { } round
                ? TypedResults.Ok(RecommendationRoundResponse.From(round))
                : TypedResults.Problem(statusCode: 404, title: "No such recommendation round."))
            .WithSummary("One democratic recommendation round with its weighted result (N5, N7).");

        rounds.MapGet("/", async Task<Ok<RecommendationRoundResponse[]>> ([Description("Only the rounds of this nominee.")] Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
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
