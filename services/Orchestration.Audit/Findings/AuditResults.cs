using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Audit.Departures;
using Orchestration.Audit.Regrading;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Audit.Findings;

/// <summary>
/// A5 — a completed audit feeds personnel decisions: findings are reported to the disposition service (a case, D1 source "audit"),
/// an excellent result is commended. It also counts for coverage (A2), may restore a special fund's unit (A3) and completes a
/// departure audit (A4).
/// </summary>
public sealed class AuditResults(AuditDbContext db, Regradings regradings, CountyClock clock)
{
    /// <summary>Adds the audit, its consequences and its events to the unit of work; the caller saves.</summary>
    public async Task<AuditRecord> RecordAsync(RecordAuditResult command, string recordedBy, CancellationToken cancellationToken)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == command.UnitId && u.TenantId == command.TenantId, cancellationToken)
                   ?? throw new NotFoundException("No such unit.");
        DepartureAudit? departure = null;
        if (command.DepartureAuditId is { } departureId)
        {
            departure = await db.DepartureAudits.SingleOrDefaultAsync(d => d.Id == departureId && d.TenantId == command.TenantId, cancellationToken)
                        ?? throw new NotFoundException("No such departure audit.");
            if (departure.Status != DepartureAuditStatus.Pending)
                throw new StateConflictException("The departure audit was already recorded.", "A4");
            if (departure.UnitId != unit.Id || departure.CadreId != command.CadreId)
                throw new RuleViolationException("departureAuditId", "A4", "The departure audit is of another leader or unit.");
        }

        var now = clock.UtcNow;
        var audit = new AuditRecord
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            UnitId = unit.Id,
            CadreId = command.CadreId,
            Year = command.Year,
            Rating = command.Rating.ToString(),
            Findings = command.Findings.ToList(),
            DepartureAuditId = command.DepartureAuditId,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
        db.Audits.Add(audit);
        // A2: the year's planned audit of the unit is done; its reminder closes.
        if (await db.Plans.AnyAsync(p => p.TenantId == command.TenantId && p.Year == command.Year && p.Entries.Any(e => e.UnitId == unit.Id), cancellationToken))
            Plans.AuditPlans.AnnouncePlannedAudit(db, unit.TenantId, command.Year, unit.Id, unit.Name, unit.LeaderCadreId, clock.DateOf(now, unit.TenantId), now);
        if (unit.LastAuditedYear is not { } last || last < command.Year) unit.LastAuditedYear = command.Year;

        var clean = command.Findings.Count == 0;
        string reason;
        if (clean)
        {
            await regradings.RestoreAfterCleanAuditAsync(unit, command.Year, cancellationToken);
            reason = "no findings";
            if (command.Rating == AuditRating.Excellent)
            {
                var commendation = new Commendation
                {
                    Id = Guid.CreateVersion7(), TenantId = audit.TenantId, CadreId = audit.CadreId, UnitId = unit.Id, AuditId = audit.Id,
                    Year = audit.Year, Grounds = $"{unit.Name}{audit.Year}年度经济责任审计评价为优秀", RecordedAt = now,
                };
                db.Commendations.Add(commendation);
                // A5 → C3: the commendation reaches the cadre's file (rewards and punishments), once per audit.
                db.PublishViaOutbox(new CadreFileEntryReported(command.ProcedureId, audit.TenantId, audit.CadreId, CadreFileEntryKinds.Commendation,
                    "经济责任审计评价优秀（履责优秀）", commendation.Grounds, clock.DateOf(now, audit.TenantId), "audit",
                    audit.Id.ToString(), "A5"), audit.CadreId.ToString());
                reason = "no findings; commended for an excellent result";
            }
        }
        else
        {
            reason = $"{command.Findings.Count} finding(s) reported for a disposition case";
            db.PublishViaOutbox(new AuditFindingsReported(command.ProcedureId, audit.TenantId, audit.CadreId, audit.Id, unit.Id, unit.Name, audit.Year,
                audit.Findings), audit.CadreId.ToString());
        }

        var outcome = clean ? AuditOutcomes.Clean : AuditOutcomes.Findings;
        db.PublishViaOutbox(new AuditResultRecorded(command.ProcedureId, audit.TenantId, audit.CadreId, audit.Id, unit.Id, outcome, "A5", reason),
            audit.CadreId.ToString());

        if (departure is not null)
        {
            departure.Status = DepartureAuditStatus.Completed;
            departure.AuditId = audit.Id;
            departure.Passed = clean;
            departure.CompletedAt = now;
            db.PublishViaOutbox(new DepartureAuditCompleted(departure.ProcedureId, departure.TenantId, departure.CadreId, departure.Id, unit.Id, audit.Id,
                clean ? Outcomes.Passed : Outcomes.Failed, clean ? null : "A5", reason), departure.CadreId.ToString(),
                stepToken: departure.ProcedureStep); // the answer to the procedure's departure-audit step, however late
        }

        return audit;
    }

}

/// <summary>A5: a result names its unit, cadre and year, and its rating agrees with its findings; over HTTP and the bus alike.</summary>
public sealed class RecordAuditResultValidator : AbstractValidator<RecordAuditResult>
{
    public RecordAuditResultValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.UnitId).NotEmpty();
        RuleFor(r => r.Year).InclusiveBetween(2000, 2200);
        RuleFor(r => r.Findings).NotNull();
        RuleForEach(r => r.Findings).NotEmpty().MaximumLength(1000);
        RuleFor(r => r.Findings).NotEmpty().When(r => r.Rating == AuditRating.Deficient).WithErrorCode("A5")
            .WithMessage("A deficient result names its findings.");
        RuleFor(r => r.Findings).Empty().When(r => r.Rating != AuditRating.Deficient).WithErrorCode("A5")
            .WithMessage("A result with findings is deficient.");
    }
}
