using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

/// <summary>
/// A decision meeting as the department records it: <see cref="Ballots"/> say how each member present voted, required unless the
/// ballot is secret (then <see cref="Voters"/> name who took part). Checked by the validator of <see cref="HoldDecisionMeeting"/>.
/// </summary>
public sealed record RecordDecisionMeetingRequest(
    Guid CadreId, int MembersTotal, int MembersPresent, int VotesFor, int VotesAgainst, string[] Voters,
    bool DeferredBySecretary = false, Guid? ProcedureId = null, string[]? SpeakingOrder = null, string? Secretary = null,
    DecisionBody Body = DecisionBody.StandingCommittee, bool PrincipalPost = false, bool SecretBallot = false, PreFilingCase[]? PreFilingCases = null,
    Ballot[]? Ballots = null, Promotion? Promotion = null)
{
    public HoldDecisionMeeting ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, MembersTotal, MembersPresent, VotesFor,
        VotesAgainst, Voters, DeferredBySecretary, SpeakingOrder, Secretary, Body, PrincipalPost, SecretBallot, PreFilingCases, Ballots, Promotion);
}

public sealed record ReconsiderDecisionRequest(int MembersTotal, string[] Consenting, Guid? ProcedureId = null);

public sealed record DecisionMeetingResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, int MembersTotal, int MembersPresent, int VotesFor, int VotesAgainst,
    bool DeferredBySecretary, DecisionBody Body, bool PrincipalPost, bool SecretBallot, IReadOnlyList<string> SpeakingOrder, string? Secretary,
    IReadOnlyList<string> Voters, IReadOnlyList<Ballot> Ballots, string Outcome, string? RuleId, string? Reason, string RecordedBy,
    DateTimeOffset RecordedAt, Guid? CompetitiveVoteId)
{
    public static DecisionMeetingResponse From(DecisionMeeting m) => new(m.Id, m.TenantId, m.ProcedureId, m.CadreId, m.MembersTotal, m.MembersPresent,
        m.VotesFor, m.VotesAgainst, m.DeferredBySecretary, m.Body, m.PrincipalPost, m.SecretBallot, m.SpeakingOrder, m.Secretary, m.Voters,
        [.. m.Ballots.Select(b => new Ballot(b.Member, b.Vote))], m.Outcome, m.RuleId, m.Reason, m.RecordedBy, m.RecordedAt, m.CompetitiveVoteId);
}

public sealed record ReconsiderationResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, Guid MeetingId, int MembersTotal, IReadOnlyList<string> Consenting, bool Allowed,
    string? RuleId, string? Reason, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static ReconsiderationResponse From(Reconsideration r) => new(r.Id, r.TenantId, r.ProcedureId, r.CadreId, r.MeetingId, r.MembersTotal,
        r.Consenting, r.Allowed, r.RuleId, r.Reason, r.RecordedBy, r.RecordedAt);
}

internal static class DecisionMeetingEndpoints
{
    public static void MapDecisionMeetings(this RouteGroupBuilder vetting)
    {
        var meetings = vetting.MapGroup("/decision-meetings");

        meetings.MapCommand("/", (RecordDecisionMeetingRequest request, string tenant) => request.ToCommand(tenant), (DecisionMeetings decisions) => decisions.Hold,
                (DecisionMeeting meeting) => $"/api/vetting/decision-meetings/{meeting.Id}", DecisionMeetingResponse.From)
            .WithSummary("Records a committee decision with how each member voted (C2) and applies V6 (two-thirds quorum, secretary speaks last, " +
                         "majority of all members, deferral, full-committee secret ballot for principal posts) and V7 (superior review recorded first).");

        meetings.MapPost("/competitive", async (RecordCompetitiveVoteRequest request, CommandPipeline pipeline, CompetitiveVotes votes,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var held = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), votes.Hold, ct);
                return TypedResults.Created($"/api/vetting/decision-meetings?competitiveVoteId={held[0].CompetitiveVoteId}",
                    held.Select(DecisionMeetingResponse.From).ToArray());
            })
            .ProducesValidationProblem()
            .WithSummary("Records a competitive vote (差额票决) among several candidates for one post: one decision per candidate, the one with more " +
                         "than half of all members approved, the others rejected (V6).");

        meetings.MapPost("/{id:guid}/reconsiderations", async (Guid id, ReconsiderDecisionRequest request, CommandPipeline pipeline,
                DecisionMeetings decisions, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var reconsideration = await pipeline.ExecuteAsync(db, new ReconsiderDecision(request.ProcedureId ?? Guid.Empty, http.User.TenantId(),
                    Guid.Empty, request.MembersTotal, request.Consenting, id), http.User.ActorId(), decisions.Reconsider, ct);
                return TypedResults.Created($"/api/vetting/decision-meetings/{id}/reconsiderations/{reconsideration.Id}",
                    ReconsiderationResponse.From(reconsideration));
            })
            .ProducesValidationProblem()
            .WithSummary("Asks to reconsider a decided appointment (复议): allowed with the consent of half of the standing committee or more (一半以上, V6); " +
                         "an allowed reconsideration of a procedure's rejection lifts its cool-off and the committee votes again.");

        meetings.MapGet("/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.DecisionMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.TenantId == http.User.TenantId(), ct),
            DecisionMeetingResponse.From, "No such decision meeting."))
            .WithSummary("One decision meeting of the county with its ballots and outcome (V6).");

        meetings.MapGet("/", async (Guid? cadreId, Guid? competitiveVoteId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.DecisionMeetings.AsNoTracking().Where(m => m.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(m => m.CadreId == cadre);
            if (competitiveVoteId is { } vote) query = query.Where(m => m.CompetitiveVoteId == vote);
            return VettingResults.Listed(await query.OrderBy(m => m.RecordedAt).Take(500).ToListAsync(ct), DecisionMeetingResponse.From);
        })
            .WithSummary("The county's decision meetings, optionally of one cadre or one competitive vote, oldest first (V6, C2).");
    }
}
