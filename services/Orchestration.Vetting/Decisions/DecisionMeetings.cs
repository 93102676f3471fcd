using Orchestration.ServiceDefaults.Commands;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.PreFiling;

namespace Orchestration.Vetting.Decisions;

/// <summary>Records a decision meeting, applies V6 and V7 and announces the outcome, whether asked over HTTP or by a workflow.</summary>
public sealed class DecisionMeetings(VettingDbContext db, CountyClock clock, PreFilingChecks preFiling)
{
    /// <summary>
    /// Adds the meeting and its result event to the unit of work; the caller saves. The command passed its validator (counts, names,
    /// ballots, conduct); refusals here (V7, a decided cadre) throw before anything is added.
    /// </summary>
    public async Task<DecisionMeeting> Hold(HoldDecisionMeeting command, string recordedBy, CancellationToken ct)
    {
        // V7: the superior's answers of this procedure count; every case of the candidacy, declared or found, needs an approval first.
        var (applying, reviews) = await preFiling.ForCandidacyAsync(command.TenantId, command.CadreId, command.ProcedureId, command.PreFilingCases,
            command.Promotion, ct);
        PreFilingRules.Check(applying, reviews.ToList()).ThrowIfAny();
        if (await db.LatestDecision(command.TenantId, command.CadreId, ct, command.ProcedureId) is { } decided
            && !await db.Reconsiderations.AnyAsync(r => r.TenantId == command.TenantId && r.MeetingId == decided.Id && r.Allowed, ct))
            throw new RuleViolationException("cadreId", "V6",
                $"The committee decided on this cadre ({decided.Outcome}) on {clock.DateOf(decided.RecordedAt, command.TenantId):yyyy-MM-dd}: a new vote needs a reconsideration (复议) " +
                "consented by more than half of the committee.");

        var verdict = DecisionRules.Decide(command.MembersTotal, command.MembersPresent, command.VotesFor, command.DeferredBySecretary);
        var meeting = new DecisionMeeting
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            MembersTotal = command.MembersTotal,
            MembersPresent = command.MembersPresent,
            VotesFor = command.VotesFor,
            VotesAgainst = command.VotesAgainst,
            DeferredBySecretary = command.DeferredBySecretary,
            Body = command.Body,
            PrincipalPost = command.PrincipalPost,
            SecretBallot = command.SecretBallot,
            SpeakingOrder = [.. (command.SpeakingOrder ?? []).Select(MemberNames.Normalize)],
            Secretary = command.Secretary is { } secretary ? MemberNames.Normalize(secretary) : null,
            Voters = [.. command.Voters.Select(MemberNames.Normalize)],
            Ballots = [.. (command.Ballots ?? []).Select(b => new MemberBallot { Member = MemberNames.Normalize(b.Member), Vote = b.Vote })],
            Outcome = verdict.Outcome,
            RuleId = verdict.RuleId,
            Reason = verdict.Reason,
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.DecisionMeetings.Add(meeting);
        db.PublishViaOutbox(new DecisionMeetingHeld(meeting.ProcedureId, meeting.TenantId, meeting.CadreId, meeting.Id,
            meeting.Outcome, meeting.RuleId, meeting.Reason, [.. meeting.Voters], [.. meeting.Ballots.Select(b => new Ballot(b.Member, b.Vote))],
            clock.DateOf(meeting.RecordedAt, meeting.TenantId)), partitionKey: meeting.CadreId.ToString());
        return meeting;
    }

    /// <summary>Adds the reconsideration and its result event to the unit of work; the caller saves.</summary>
    public async Task<Reconsideration> Reconsider(ReconsiderDecision command, string recordedBy, CancellationToken ct)
    {
        var decided = command.MeetingId != Guid.Empty
            ? await db.DecisionMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == command.MeetingId && m.TenantId == command.TenantId, ct)
            : await db.LatestDecision(command.TenantId, command.CadreId, ct, command.ProcedureId);
        if (decided is null || decided.Outcome is not (DecisionOutcomes.Approved or DecisionOutcomes.Rejected))
            throw new RuleViolationException("meetingId", "V6", "Only a decided appointment (approved or rejected) can be reconsidered.");
        var consenting = MemberNames.Distinct(command.Consenting);

        var verdict = DecisionRules.Reconsider(command.MembersTotal, consenting.Count);
        var reconsideration = new Reconsideration
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            // Asked without naming the procedure, the reconsideration belongs to the procedure whose decision it reconsiders.
            ProcedureId = command.ProcedureId == Guid.Empty ? decided.ProcedureId : command.ProcedureId,
            CadreId = decided.CadreId,
            MeetingId = decided.Id,
            MembersTotal = command.MembersTotal,
            Consenting = consenting,
            Allowed = verdict.Outcome == Contracts.Outcomes.Passed,
            RuleId = verdict.RuleId,
            Reason = verdict.Reason,
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.Reconsiderations.Add(reconsideration);
        db.PublishViaOutbox(new ReconsiderationDecided(reconsideration.ProcedureId, reconsideration.TenantId, reconsideration.CadreId, reconsideration.Id,
            decided.Id, verdict.Outcome, verdict.RuleId, verdict.Reason), partitionKey: reconsideration.CadreId.ToString());
        return reconsideration;
    }
}
