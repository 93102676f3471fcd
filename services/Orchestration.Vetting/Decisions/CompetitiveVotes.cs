using FluentValidation;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Vetting.Decisions;

/// <summary>One candidate of a competitive vote and the votes cast for them.</summary>
/// <param name="CadreId">The candidate.</param>
/// <param name="VotesFor">The votes cast for the candidate.</param>
/// <param name="ProcedureId">The candidate's appointment procedure, whose decision step the vote answers.</param>
public sealed record CompetitiveCandidate(Guid CadreId, int VotesFor, Guid? ProcedureId = null);

/// <summary>
/// A competitive vote (差额票决) as the department records it: the committee chooses one of several candidates for one post, each
/// member present voting for one candidate at most. A principal post is voted by the full committee in a secret ballot (V6).
/// </summary>
/// <param name="Post">The post the candidates compete for.</param>
/// <param name="MembersTotal">The committee's members (the base of the two-thirds quorum, V6).</param>
/// <param name="MembersPresent">The members present (V6: at least two thirds).</param>
/// <param name="Voters">Every member present, once.</param>
/// <param name="Candidates">The candidates and the votes each received.</param>
/// <param name="Body">Who votes: StandingCommittee or FullCommittee (V6).</param>
/// <param name="PrincipalPost">The post is a principal post of a township or county department: full committee, secret ballot (V6).</param>
/// <param name="SecretBallot">The vote is by secret ballot.</param>
/// <param name="SpeakingOrder">The order in which members spoke; the secretary must not speak first (V6).</param>
/// <param name="Secretary">The Party secretary chairing the meeting.</param>
public sealed record RecordCompetitiveVoteRequest(
    string Post, int MembersTotal, int MembersPresent, string[] Voters, CompetitiveCandidate[] Candidates,
    DecisionBody Body = DecisionBody.FullCommittee, bool PrincipalPost = true, bool SecretBallot = true, string[]? SpeakingOrder = null,
    string? Secretary = null)
{
    public HoldCompetitiveVote ToCommand(string tenantId) => new(tenantId, Post ?? "", MembersTotal, MembersPresent, Voters, Candidates, Body,
        PrincipalPost, SecretBallot, SpeakingOrder, Secretary);
}

/// <summary>V6 — holds a competitive vote among <see cref="Candidates"/> for <see cref="Post"/>.</summary>
public sealed record HoldCompetitiveVote(
    string TenantId, string Post, int MembersTotal, int MembersPresent, string[] Voters, CompetitiveCandidate[] Candidates, DecisionBody Body,
    bool PrincipalPost, bool SecretBallot, string[]? SpeakingOrder, string? Secretary)
{
    /// <summary>The decision meeting of one candidate, as a single decision would record it (checked by its own validator).</summary>
    public HoldDecisionMeeting MeetingOf(CompetitiveCandidate candidate) => new(candidate.ProcedureId ?? Guid.Empty, TenantId, candidate.CadreId,
        MembersTotal, MembersPresent, candidate.VotesFor, 0, Voters, false, SpeakingOrder, Secretary, Body, PrincipalPost, SecretBallot);
}

internal sealed class HoldCompetitiveVoteValidator : AbstractValidator<HoldCompetitiveVote>
{
    public HoldCompetitiveVoteValidator()
    {
        RuleFor(c => c.Post).NotEmpty().WithErrorCode("V6").WithMessage("Name the post the candidates compete for.").MaximumLength(200);
        RuleFor(c => c.Candidates).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("V6")
            .Must(candidates => candidates.Select(c => c.CadreId).Distinct().Count() >= 2).WithErrorCode("V6")
            .WithMessage("A competitive vote (差额票决) has more candidates than the one post: at least two different cadres.")
            .Must((c, candidates) => candidates.Sum(x => Math.Max(0, x.VotesFor)) <= c.MembersPresent).WithErrorCode("V6")
            .WithMessage((c, candidates) => $"{candidates.Sum(x => x.VotesFor)} votes from {c.MembersPresent} members present: each member votes for one candidate at most.");
        RuleForEach(c => c.Candidates).ChildRules(candidate =>
        {
            candidate.RuleFor(x => x.CadreId).NotEmpty();
            candidate.RuleFor(x => x.VotesFor).GreaterThanOrEqualTo(0).WithErrorCode("V6");
        });
    }
}

/// <summary>
/// V6 — a competitive vote (差额票决, seed 002: 「必要时可实行差额票决」) records one decision meeting per candidate with the votes cast
/// for them, each checked and decided as a single decision is (quorum, more than half of all members, conduct, V7 pre-filing), so at
/// most one candidate is approved; each candidate's procedure is answered by its own meeting. A refusal for one candidate refuses
/// the whole vote.
/// </summary>
public sealed class CompetitiveVotes(DecisionMeetings decisions, CommandPipeline pipeline)
{
    public async Task<IReadOnlyList<DecisionMeeting>> Hold(HoldCompetitiveVote command, string recordedBy, CancellationToken ct)
    {
        var voteId = Guid.CreateVersion7();
        var held = new List<DecisionMeeting>();
        foreach (var candidate in command.Candidates)
        {
            var meeting = command.MeetingOf(candidate);
            await pipeline.ValidateAsync(meeting, ct);
            var decided = await decisions.Hold(meeting, recordedBy, ct);
            decided.CompetitiveVoteId = voteId;
            held.Add(decided);
        }
        return held;
    }
}
