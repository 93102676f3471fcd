using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Nomination.Motions;

/// <summary>A decision meeting the standing committee held (vetting reports it), as N2's yearly quota of decision sessions counts it.</summary>
public sealed class DecisionSession
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The meeting at the vetting service.</summary>
    public Guid MeetingId { get; set; }

    public Guid CadreId { get; set; }

    /// <summary>The county date it was held on: the meetings of one day are one session.</summary>
    public DateOnly HeldOn { get; set; }

    public required string Outcome { get; set; }
}

/// <summary>
/// N2 — 「每年讨论决定部分干部任免不得超过5次」 counts the sessions actually held: each decision meeting vetting records (without a
/// quorum none was held) is kept here once, and the meetings of one county day are one session.
/// </summary>
public sealed class DecisionMeetingHeldConsumer(NominationDbContext db, CountyClock clock) : InboxConsumer<DecisionMeetingHeld, NominationDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<DecisionMeetingHeld> context, CancellationToken cancellationToken)
    {
        var held = context.Message;
        if (held.MeetingId == Guid.Empty || held.Outcome == DecisionOutcomes.QuorumMissing) return;
        if (await Db.DecisionSessions.AnyAsync(s => s.TenantId == held.TenantId && s.MeetingId == held.MeetingId, cancellationToken)) return;
        Db.DecisionSessions.Add(new DecisionSession
        {
            Id = Guid.CreateVersion7(), TenantId = held.TenantId, MeetingId = held.MeetingId, CadreId = held.CadreId,
            HeldOn = held.HeldOn ?? clock.DateOf(context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : clock.UtcNow, held.TenantId),
            Outcome = held.Outcome,
        });
    }
}
