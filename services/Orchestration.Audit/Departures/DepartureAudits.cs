using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Audit.Departures;

/// <summary>Opens departure audits and clears leaders to leave (A4); the caller saves.</summary>
public sealed class DepartureAudits(AuditDbContext db, IOptions<AuditOptions> options, CountyClock clock)
{
    /// <summary>
    /// Freezes the leader's powers and sets the handover deadline; a request while one is pending returns that one. Asked outside any
    /// procedure (through the API), the new request is announced (<see cref="DepartureAuditRequested"/>) so the departure procedure
    /// starts from it; asked by a procedure, that procedure is answered (<see cref="DepartureAuditCompleted"/>) when the audit is recorded.
    /// </summary>
    public async Task<DepartureAudit> RequestAsync(RequestDepartureAudit command, CancellationToken cancellationToken)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == command.UnitId && u.TenantId == command.TenantId, cancellationToken)
                   ?? throw new RuleViolationException("unitId", "A4", "A departure audit is of a known unit.");
        var existing = command.DepartureAuditId is { } requested
            ? await db.DepartureAudits.SingleOrDefaultAsync(d => d.Id == requested && d.TenantId == command.TenantId, cancellationToken)
              ?? throw new NotFoundException("No such departure audit.")
            : await db.DepartureAudits.SingleOrDefaultAsync(d => d.TenantId == command.TenantId && d.CadreId == command.CadreId
                && d.UnitId == command.UnitId && d.Status == DepartureAuditStatus.Pending, cancellationToken);
        if (existing is not null)
        {
            if (existing.CadreId != command.CadreId || existing.UnitId != command.UnitId)
                throw new RuleViolationException("departureAuditId", "A4", "The departure audit is of another leader or unit.");
            Follow(existing, command.ProcedureId);
            return existing;
        }

        var now = clock.UtcNow;
        var departure = new DepartureAudit
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            ProcedureStep = command.ProcedureId == Guid.Empty ? null : StepToken.Current,
            CadreId = command.CadreId,
            UnitId = command.UnitId,
            Status = DepartureAuditStatus.Pending,
            PowersFrozen = true,
            HandoverDeadline = DepartureRules.HandoverDeadline(clock.DateOf(now, command.TenantId), options.Value), // counted from the county date
            RequestedAt = now,
        };
        db.DepartureAudits.Add(departure);
        AnnounceHandoverDeadline(departure, unit.Name);
        if (command.ProcedureId == Guid.Empty)
            db.PublishViaOutbox(new DepartureAuditRequested(Guid.Empty, departure.TenantId, departure.CadreId, departure.Id, unit.Id, unit.Name,
                departure.HandoverDeadline), departure.CadreId.ToString());
        return departure;
    }

    /// <summary>
    /// A4 — the procedure started by a departure requested through the API takes over its answer; when the audit was recorded before
    /// the procedure asked, it is answered now. A departure audit answers one procedure only.
    /// </summary>
    void Follow(DepartureAudit departure, Guid procedureId)
    {
        if (procedureId == Guid.Empty || departure.ProcedureId == procedureId) return;
        if (departure.ProcedureId != Guid.Empty)
            throw new StateConflictException("The leader's departure audit is followed by another procedure.", "A4");
        departure.ProcedureId = procedureId;
        departure.ProcedureStep = StepToken.Current;
        if (departure.Status == DepartureAuditStatus.Pending) return;
        var passed = departure.Passed == true;
        db.PublishViaOutbox(new DepartureAuditCompleted(procedureId, departure.TenantId, departure.CadreId, departure.Id, departure.UnitId,
            departure.AuditId ?? Guid.Empty, passed ? Outcomes.Passed : Outcomes.Failed, passed ? null : "A5",
            $"the departure audit was recorded on {CountyDate(departure.CompletedAt, departure.TenantId):yyyy-MM-dd}"), departure.CadreId.ToString(),
            stepToken: departure.ProcedureStep);
    }

    DateOnly? CountyDate(DateTimeOffset? instant, string tenantId) => instant is { } at ? clock.DateOf(at, tenantId) : null;

    /// <summary>Clears the leader to leave once the audit is recorded; refused by A4 before. Announces either answer.</summary>
    public async Task<(DepartureAudit Departure, ClearanceVerdict Verdict)> ClearAsync(ClearLeaderDeparture command, CancellationToken cancellationToken)
    {
        var departure = await db.DepartureAudits.SingleOrDefaultAsync(d => d.Id == command.DepartureAuditId && d.TenantId == command.TenantId
                                                                        && d.CadreId == command.CadreId, cancellationToken)
                        ?? throw new NotFoundException("No such departure audit for that leader.");
        var verdict = DepartureRules.Clearance(departure.Status);
        if (verdict.Cleared && departure.Status == DepartureAuditStatus.Completed)
        {
            departure.Status = DepartureAuditStatus.Cleared;
            departure.PowersFrozen = false;
            departure.ClearedAt = clock.UtcNow;
        }

        db.PublishViaOutbox(new LeaderDepartureCleared(command.ProcedureId, departure.TenantId, departure.CadreId, departure.Id,
            verdict.Cleared ? DepartureOutcomes.Cleared : DepartureOutcomes.Refused, verdict.RuleId, verdict.Reason), departure.CadreId.ToString());
        return (departure, verdict);
    }

    /// <summary>A4: records the handover (its day and what was handed over), once, between the request and today.</summary>
    public async Task<DepartureAudit> HandOverAsync(RecordHandover command, CancellationToken cancellationToken)
    {
        var (tenantId, departureAuditId, handedOverOn, items) = command;
        var departure = await db.DepartureAudits.SingleOrDefaultAsync(d => d.Id == departureAuditId && d.TenantId == tenantId, cancellationToken)
                        ?? throw new NotFoundException("No such departure audit.");
        if (departure.HandedOverOn is not null) throw new StateConflictException("The handover is on record.", "A4");
        var requestedOn = clock.DateOf(departure.RequestedAt, tenantId);
        if (handedOverOn < requestedOn || handedOverOn > clock.Today(tenantId))
            throw new RuleViolationException("handedOverOn", "A4", $"The handover is dated between the request ({requestedOn:yyyy-MM-dd}) and today.");
        departure.HandedOverOn = handedOverOn;
        departure.HandoverItems = items.ToList();
        var unitName = await db.Units.Where(u => u.Id == departure.UnitId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken);
        AnnounceHandoverDeadline(departure, unitName ?? departure.UnitId.ToString());
        return departure;
    }

    /// <summary>
    /// A4: the handover deadline, for the department's reminders (<see cref="ServiceDeadline"/>): announced open when the audit is
    /// requested, met when the handover is recorded.
    /// </summary>
    void AnnounceHandoverDeadline(DepartureAudit departure, string unitName) =>
        db.PublishViaOutbox(new ServiceDeadline(departure.TenantId, $"audit/departure/{departure.Id}/handover", "audit", "handover",
            $"离任交接：{unitName}", departure.CadreId, departure.HandoverDeadline, CommandActor.Current, "A4", departure.HandedOverOn, clock.UtcNow),
            $"{departure.TenantId}/departure/{departure.Id}");

    /// <summary>A4: records a leader's act over personnel, matters or money; refused while a move of theirs freezes their powers.</summary>
    public async Task<LeaderAct> RecordActAsync(RecordLeaderAct command, string recordedBy, CancellationToken cancellationToken)
    {
        var (tenantId, cadreId, unitId, power, description, actedOn) = command;
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.TenantId == tenantId, cancellationToken))
            throw new RuleViolationException("unitId", "A4", "An act is of a known unit.");
        var today = clock.Today(tenantId);
        if (actedOn > today)
            throw new RuleViolationException("actedOn", "A4", $"An act is recorded when done: it cannot be dated {actedOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
        var frozen = await db.DepartureAudits.AnyAsync(d => d.TenantId == tenantId && d.CadreId == cadreId && d.PowersFrozen, cancellationToken);
        var verdict = DepartureRules.Act(frozen, power);
        if (!verdict.Cleared) throw new RuleViolationException("cadreId", verdict.RuleId!, verdict.Reason);
        var act = new LeaderAct
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, CadreId = cadreId, UnitId = unitId, Power = power, Description = description,
            ActedOn = actedOn ?? today, RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
        };
        db.LeaderActs.Add(act);
        return act;
    }
}
