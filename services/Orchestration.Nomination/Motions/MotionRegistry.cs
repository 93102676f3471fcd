using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Nomination.Motions;

/// <summary>
/// Raises and approves motions, whether asked over HTTP or by a workflow, after the command pipeline has checked the command
/// (<see cref="RaiseMotionValidator"/>, <see cref="ApproveMotionValidator"/>). The rules that need the database (N2's quotas) refuse
/// here by throwing before anything is added; success adds the change and its result event to the unit of work and the caller saves.
/// </summary>
public sealed class MotionRegistry(NominationDbContext db, IOptions<NominationOptions> options, CountyClock clock, Establishments establishments)
{
    NominationOptions Settings => options.Value;

    public async Task<Motion> Raise(RaiseMotion command, string raisedBy, CancellationToken ct)
    {
        var term = await Term(command.TenantId, command.TermId, ct);
        var now = clock.UtcNow;
        var usage = await Usage(term, Year(now, command.TenantId), ct);
        if (command.QuotaException is null && MotionQuotas.Check(command.Kind, command.CadresAdjusted, usage, Settings) is { } refusal)
            throw refusal.ToException();

        var motion = new Motion
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            TermId = term.Id,
            Ground = command.Ground,
            Kind = command.Kind,
            Direction = command.Direction,
            Criteria = command.Criteria,
            Requirements = command.Requirements,
            CadresAdjusted = command.CadresAdjusted,
            CadresPromoted = command.CadresPromoted,
            SuperiorApprovalReference = command.SuperiorApprovalReference,
            OtherGroundReason = command.Ground == MotionGround.Other ? command.OtherGroundReason?.Trim() : null,
            QuotaExceptionReason = command.QuotaException?.Reason.Trim(),
            QuotaExceptionApprovedBy = command.QuotaException?.ApprovedBy.Trim(),
            QuotaExceptionReference = command.QuotaException?.Reference.Trim(),
            OverEstablishmentReason = command.OverEstablishment?.Reason.Trim(),
            OverEstablishmentReviewReference = command.OverEstablishment?.SuperiorReviewReference.Trim(),
            Status = MotionStatus.Raised,
            RaisedBy = raisedBy,
            RaisedAt = now,
        };
        await establishments.ClaimAsync(motion, command.Posts ?? [], command.OverEstablishment, ct); // N9
        db.Motions.Add(motion);
        db.PublishViaOutbox(new MotionRaised(motion.ProcedureId, motion.TenantId, motion.Id, Outcomes.Passed, null, null),
            partitionKey: motion.Id.ToString());
        return motion;
    }

    /// <summary>Approves a raised motion (by id, or the one this procedure raised) and opens its filing with the superior department.</summary>
    public async Task<(Motion Motion, FilingRecord Filing)> Approve(ApproveMotion command, string approvedBy, CancellationToken ct)
    {
        var motion = await (command.MotionId is { } id
                ? db.Motions.Where(m => m.TenantId == command.TenantId && m.Id == id)
                : db.Motions.Where(m => m.TenantId == command.TenantId && m.ProcedureId == command.ProcedureId && command.ProcedureId != Guid.Empty)
                    .OrderByDescending(m => m.RaisedAt))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("No such motion.");
        if (motion.Status != MotionStatus.Raised) throw new StateConflictException($"The motion is already {motion.Status}.");

        // N2 again: other adjustments may have been approved since this one was raised.
        var term = await Term(motion.TenantId, motion.TermId, ct);
        var now = clock.UtcNow;
        var year = Year(now, motion.TenantId);
        if (motion.QuotaExceptionReason is null && MotionQuotas.Check(motion.Kind, motion.CadresAdjusted, await Usage(term, year, ct), Settings) is { } refusal)
            throw refusal.ToException();

        motion.Status = MotionStatus.Approved;
        motion.ApprovedBy = approvedBy;
        motion.ApprovedAt = now;
        motion.DecisionReference = command.DecisionReference;
        motion.SessionYear = year;
        term.Version++;

        // N2: every adjustment is filed with the superior organization department (报备).
        var filing = new FilingRecord
        {
            Id = Guid.CreateVersion7(),
            TenantId = motion.TenantId,
            MotionId = motion.Id,
            SuperiorDepartment = Settings.SuperiorDepartment,
            // Filed with a Chinese department in Chinese: 第十五届任期内批量调整：调整干部5名（其中提拔2名），动议事由：年度考核结束后.
            Summary = $"{term.Name}任期内{Choices.ChineseName(motion.Kind)}：调整干部{motion.CadresAdjusted}名（其中提拔{motion.CadresPromoted}名），"
                      + $"动议事由：{Choices.ChineseName(motion.Ground)}"
                      + (motion.SuperiorApprovalReference is { } approval ? $"，上级组织部门批复：{approval}" : ""),
            OpenedAt = now,
        };
        db.Filings.Add(filing);
        // N9: one appointment procedure per post. The procedure that asked for the approval (if any) takes the first post; the
        // other announcements name no procedure, so each starts a procedure of its own. The motion's id is their batch.
        var posts = await db.MotionPosts.Where(p => p.MotionId == motion.Id).OrderBy(p => p.Number).ToListAsync(ct);
        if (posts.Count == 0)
            db.PublishViaOutbox(new MotionApproved(command.ProcedureId, motion.TenantId, motion.Id, filing.Id, Outcomes.Passed, null, null),
                partitionKey: motion.Id.ToString());
        foreach (var post in posts)
            db.PublishViaOutbox(new MotionApproved(post.Number == 1 ? command.ProcedureId : Guid.Empty, motion.TenantId, motion.Id, filing.Id,
                    Outcomes.Passed, null, $"post {post.Number} of {posts.Count}: {post.Unit} {post.Title}", new MotionPost(post.Unit, post.Title),
                    post.Number, posts.Count, motion.Id),
                partitionKey: motion.Id.ToString());
        return (motion, filing);
    }

    async Task<CommitteeTerm> Term(string tenantId, Guid termId, CancellationToken ct) =>
        await db.CommitteeTerms.SingleOrDefaultAsync(t => t.TenantId == tenantId && t.Id == termId, ct)
        ?? throw new RuleViolationException("termId", "N2", "No such committee term: register the term and its leadership posts first.");

    async Task<QuotaUsage> Usage(CommitteeTerm term, int year, CancellationToken ct)
    {
        var approved = db.Motions.Where(m => m.TenantId == term.TenantId && m.Status == MotionStatus.Approved);
        var batches = await approved.CountAsync(m => m.TermId == term.Id && m.Kind == AdjustmentKind.Batch, ct);
        // N2 counts the decision sessions actually held in the county year (vetting reports each meeting; one day, one session).
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var sessions = await db.DecisionSessions.Where(s => s.TenantId == term.TenantId && s.HeldOn >= first && s.HeldOn <= last)
            .Select(s => s.HeldOn).Distinct().CountAsync(ct);
        var adjusted = await approved.Where(m => m.TermId == term.Id).SumAsync(m => m.CadresAdjusted, ct);
        return new QuotaUsage(batches, sessions, adjusted, term.LeadershipPosts);
    }

    /// <summary>N2: the calendar year a decision session falls in is the county's year (it begins at 16:00 UTC on 31 December).</summary>
    int Year(DateTimeOffset instant, string tenantId) => clock.DateOf(instant, tenantId).Year;
}
