using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Motions;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Nomination.Nominations;

/// <summary>
/// Accepts or refuses nominations and keeps the records that refuse them (failures for N6, disqualifiers for N8), whether
/// asked over HTTP or by a workflow, after the command pipeline has checked the command (N3, C2, N6, N8 as far as the command alone
/// shows). The rules that need the records (N4, N6, N8) refuse here by throwing before anything is added; the caller saves.
/// </summary>
public sealed class NominationRegistry(NominationDbContext db, IOptions<NominationOptions> options, CountyClock clock)
{
    public async Task<CadreNomination> Nominate(Nominate command, string recordedBy, CancellationToken ct)
    {
        var tenant = command.TenantId;
        if (command.MotionId is { } motionId
            && !await db.Motions.AnyAsync(m => m.TenantId == tenant && m.Id == motionId && m.Status == MotionStatus.Approved, ct))
            throw new RequestValidationException("The request is not valid.",
                new Dictionary<string, string[]> { ["motionId"] = ["No approved motion with this id."] });

        var standing = await db.Disqualifiers.Where(d => d.TenantId == tenant && d.CadreId == command.CadreId && d.LiftedAt == null)
            .Select(d => (DisqualifierKind?)d.Kind).FirstOrDefaultAsync(ct);
        if (Disqualification.Check(standing) is { } disqualified) throw disqualified.ToException();

        var now = clock.UtcNow;
        var lastFailure = await db.NominationFailures.Where(f => f.TenantId == tenant && f.CadreId == command.CadreId && f.LiftedAt == null)
            .OrderByDescending(f => f.FailedAt).Select(f => (DateTimeOffset?)f.FailedAt).FirstOrDefaultAsync(ct);
        var lastFailedOn = lastFailure is { } failedAt ? clock.DateOf(failedAt, tenant) : (DateOnly?)null;
        if (CoolOff.Check(lastFailedOn, clock.DateOf(now, tenant), options.Value.CoolOffYears) is { } coolingOff) throw coolingOff.ToException();

        var today = clock.DateOf(now, tenant);
        var running = await db.Elections.Where(e => e.TenantId == tenant && e.StartsOn <= today && e.EndsOn >= today).OrderBy(e => e.StartsOn).ToListAsync(ct);
        foreach (var election in running)
        {
            var signed = await db.Pledges.AnyAsync(p => p.ElectionId == election.Id && p.CadreId == command.CadreId, ct);
            if (Elections.ElectionPledgeCheck.Check(election, signed) is { } unpledged) throw unpledged.ToException();
        }

        var bars = await db.MeasureBars.Where(b => b.TenantId == tenant && b.CadreId == command.CadreId).ToListAsync(ct);
        if (MeasureBarCheck.Check(bars, clock.DateOf(now, tenant), command.Promotion, command.AboveFormerLevel ?? command.Promotion) is { } barred)
            throw barred.ToException();

        var inPool = await db.ReservePool.AnyAsync(m => m.TenantId == tenant && m.CadreId == command.CadreId && m.RemovedAt == null, ct);
        if (ReserveSource.Check(inPool, command.OutsidePoolReason) is { } outside) throw outside.ToException();

        var nomination = new CadreNomination
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            NominatorKind = command.NominatorKind,
            NominatorId = command.NominatorId,
            DeclaredRelationship = command.DeclaredRelationship,
            RecommendationStatement = command.RecommendationStatement,
            ProposedPost = command.ProposedPost,
            MotionId = command.MotionId,
            FromReservePool = inPool,
            OutsidePoolReason = inPool ? null : command.OutsidePoolReason,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
        db.Nominations.Add(nomination);
        db.PublishViaOutbox(new NominationAccepted(nomination.ProcedureId, tenant, nomination.CadreId, nomination.Id, inPool, Outcomes.Passed, null,
            inPool ? null : $"From outside the reserve pool (N4): {command.OutsidePoolReason}", command.NominatorId, command.ProposedPost,
            command.DeclaredRelationship), partitionKey: nomination.CadreId.ToString());
        return nomination;
    }

    /// <summary>N6: records the failure and when the cool-off ends.</summary>
    public Task<NominationFailure> RecordFailure(RecordNominationFailure command, string recordedBy, CancellationToken ct)
    {
        var now = clock.UtcNow;
        // N6: the cool-off ends at the county's midnight beginning the anniversary of the failure's county date.
        var endsOn = CoolOff.EndsOn(clock.DateOf(now, command.TenantId), options.Value.CoolOffYears);
        var failure = new NominationFailure
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Stage = command.Stage,
            Reason = command.Reason,
            FailedAt = now,
            CoolOffEndsAt = clock.StartOf(endsOn, command.TenantId),
            RecordedBy = recordedBy,
        };
        db.NominationFailures.Add(failure);
        db.PublishViaOutbox(new NominationFailureRecorded(failure.ProcedureId, failure.TenantId, failure.CadreId, failure.Id, failure.CoolOffEndsAt,
            Outcomes.Done, null, $"Failed at {failure.Stage}; not to be nominated again before {endsOn:yyyy-MM-dd} (N6)."),
            partitionKey: failure.CadreId.ToString());
        return Task.FromResult(failure);
    }

    /// <summary>N8: records an integrity problem or poor reputation.</summary>
    public Task<Disqualifier> RecordDisqualifier(RecordDisqualifier command, string recordedBy, CancellationToken ct)
    {
        var disqualifier = new Disqualifier
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Kind = command.Kind,
            Source = command.Source,
            Details = command.Details,
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.Disqualifiers.Add(disqualifier);
        db.PublishViaOutbox(new DisqualifierRecorded(disqualifier.ProcedureId, disqualifier.TenantId, disqualifier.CadreId, disqualifier.Id,
            Outcomes.Done, null, $"{disqualifier.Kind} on record; the cadre is not nominated while it stands (N8)."),
            partitionKey: disqualifier.CadreId.ToString());
        return Task.FromResult(disqualifier);
    }
}
