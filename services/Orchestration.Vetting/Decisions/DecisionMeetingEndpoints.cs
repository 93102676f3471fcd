using System.ComponentModel;
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
/// <param name="CadreId">The candidate decided on.</param>
/// <param name="MembersTotal">The committee's members (the base of the two-thirds quorum, V6).</param>
/// <param name="MembersPresent">The members present (V6: at least two thirds).</param>
/// <param name="VotesFor">Votes for the candidate (V6: majority of the members).</param>
/// <param name="VotesAgainst">Votes against the candidate.</param>
/// <param name="Voters">Every member present, once.</param>
/// <param name="DeferredBySecretary">The secretary defers (暂缓) the decision (V6).</param>
/// <param name="ProcedureId">The procedure waiting for the decision, resumed with it; empty when none waits.</param>
/// <param name="SpeakingOrder">The order in which members spoke; the secretary must not speak first (V6).</param>
/// <param name="Secretary">The Party secretary chairing the meeting.</param>
/// <param name="Body">Who votes: StandingCommittee or FullCommittee (V6).</param>
/// <param name="PrincipalPost">The post is a principal post of a township or county department: full committee, secret ballot (V6).</param>
/// <param name="SecretBallot">The vote is by secret ballot.</param>
/// <param name="PreFilingCases">The pre-filing cases (V7) the department declares for the candidate.</param>
/// <param name="Ballots">How each member present voted; required unless the ballot is secret (C2).</param>
/// <param name="Promotion">The promotion decided (现任 → 拟任), from which the service finds an exceptional promotion (破格, V7).</param>
public sealed record RecordDecisionMeetingRequest(
    Guid CadreId, int MembersTotal, int MembersPresent, int VotesFor, int VotesAgainst, string[] Voters,
    bool DeferredBySecretary = false, Guid? ProcedureId = null, string[]? SpeakingOrder = null, string? Secretary = null,
    DecisionBody Body = DecisionBody.StandingCommittee, bool PrincipalPost = false, bool SecretBallot = false, PreFilingCase[]? PreFilingCases = null,
    Ballot[]? Ballots = null, Promotion? Promotion = null)
{
    public HoldDecisionMeeting ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, MembersTotal, MembersPresent, VotesFor,
        VotesAgainst, Voters, DeferredBySecretary, SpeakingOrder, Secretary, Body, PrincipalPost, SecretBallot, PreFilingCases, Ballots, Promotion);
}

/// <param name="MembersTotal">The standing committee's members.</param>
/// <param name="Consenting">The members consenting to reconsider (复议); half or more are needed (V6).</param>
/// <param name="ProcedureId">The procedure waiting for the reconsideration; empty when none waits.</param>
public sealed record ReconsiderDecisionRequest(int MembersTotal, string[] Consenting, Guid? ProcedureId = null);

/// <param name="Id">The meeting's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="MembersTotal">The committee's members.</param>
/// <param name="MembersPresent">The members present (V6: at least two thirds).</param>
/// <param name="VotesFor">Votes for the candidate.</param>
/// <param name="VotesAgainst">Votes against the candidate.</param>
/// <param name="DeferredBySecretary">The secretary deferred (暂缓) the decision (V6).</param>
/// <param name="Body">Who voted: StandingCommittee or FullCommittee (V6).</param>
/// <param name="PrincipalPost">The post is a principal post of a township or county department (V6).</param>
/// <param name="SecretBallot">The vote was by secret ballot.</param>
/// <param name="SpeakingOrder">The order in which members spoke (V6: the secretary not first).</param>
/// <param name="Secretary">The Party secretary chairing the meeting.</param>
/// <param name="Voters">Every member who took part.</param>
/// <param name="Ballots">How each member voted at an open ballot (C2); empty for a secret ballot.</param>
/// <param name="Outcome">What the meeting decided: Approved, Rejected, QuorumMissing (fewer than two thirds present) or Deferred (暂缓, or refused by V6 or V7).</param>
/// <param name="RuleId">The rule that decided the outcome (e.g. V7); empty when none did.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
/// <param name="CompetitiveVoteId">The competitive vote (差额票决) the meeting was part of, if any.</param>
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

/// <param name="Id">The reconsideration's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="MeetingId">The decision meeting reconsidered.</param>
/// <param name="MembersTotal">The standing committee's members.</param>
/// <param name="Consenting">The members consenting to reconsider (复议).</param>
/// <param name="Allowed">Half or more consented, so the decision is reconsidered (V6).</param>
/// <param name="RuleId">The rule that decided the outcome (e.g. V7); empty when none did.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
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

        meetings.MapPost("/{id:guid}/reconsiderations", async ([Description("The decision meeting's id.")] Guid id, ReconsiderDecisionRequest request, CommandPipeline pipeline,
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

        meetings.MapGet("/{id:guid}", async ([Description("The decision meeting's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.DecisionMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.TenantId == http.User.TenantId(), ct),
            DecisionMeetingResponse.From, "No such decision meeting."))
            .WithSummary("One decision meeting of the county with its ballots and outcome (V6).");

        meetings.MapGet("/", async ([Description("Only the meetings on this candidate.")] Guid? cadreId, [Description("Only the meetings of this competitive vote (差额票决).")] Guid? competitiveVoteId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
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
