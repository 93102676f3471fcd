using Orchestration.ServiceDefaults.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Inspections;

/// <summary>Announces inspections and records findings (V1), whether asked over HTTP or by a workflow.</summary>
public sealed class Inspections(VettingDbContext db, IOptions<VettingOptions> options, CountyClock clock)
{

    /// <summary>Adds the inspection and its result event to the unit of work; the caller saves.</summary>
    public Task<Inspection> Announce(AnnounceInspection command, string recordedBy, CancellationToken ct)
    {
        // V1: "in advance" is before the start day in the county, whose day turns at 16:00 UTC.
        var today = clock.Today(command.TenantId);
        InspectionRules.CheckAnnouncement(today, command.StartsOn, command.Posts, command.Candidates, command.CadreId, command.TeamLeader,
            command.PublicSelection, options.Value.PublicSelectionCandidatesPerPost).ThrowIfAny();
        InspectionRules.CheckNotice(command.StartsOn, command.Notice).ThrowIfAny();
        var notice = command.Notice!;
        var inspection = new Inspection
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            AnnouncedOn = today,
            StartsOn = command.StartsOn,
            Posts = command.Posts,
            PublicSelection = command.PublicSelection,
            Candidates = [.. command.Candidates.Distinct()],
            TeamLeader = command.TeamLeader.Trim(),
            EndsOn = notice.EndsOn,
            NoticeContent = notice.Content.Trim(),
            NoticeProcedure = notice.Procedure.Trim(),
            NoticeStandard = notice.Standard.Trim(),
            NoticeRequirements = notice.Requirements.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.Inspections.Add(inspection);
        db.PublishViaOutbox(new InspectionAnnounced(inspection.ProcedureId, inspection.TenantId, inspection.CadreId, inspection.Id,
            Outcomes.Passed, null, null, inspection.TeamLeader), partitionKey: inspection.CadreId.ToString());
        return Task.FromResult(inspection);
    }

    /// <summary>Adds the finding and its result event to the unit of work; the caller saves.</summary>
    public async Task<InspectionFinding> Conclude(ConcludeInspection command, string recordedBy, CancellationToken ct)
    {
        var inspections = db.Inspections.Where(i => i.TenantId == command.TenantId);
        var inspection = command.InspectionId != Guid.Empty
            ? await inspections.SingleOrDefaultAsync(i => i.Id == command.InspectionId, ct)
            : await inspections.Where(i => i.Candidates.Contains(command.CadreId) && (command.ProcedureId == Guid.Empty || i.ProcedureId == command.ProcedureId))
                .OrderByDescending(i => i.RecordedAt).FirstOrDefaultAsync(ct);
        if (inspection is null)
            throw new RuleViolationException("inspectionId", "V1", "No announced inspection covers the cadre: an inspection is announced before it starts.");
        InspectionRules.CheckConclusion(clock.Today(command.TenantId), inspection, command.CadreId).ThrowIfAny();
        if (await db.InspectionFindings.AnyAsync(f => f.InspectionId == inspection.Id && f.CadreId == command.CadreId, ct))
            throw new StateConflictException("The inspection already has its finding on this cadre; findings are not edited.", "C1");

        var finding = new InspectionFinding
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            InspectionId = inspection.Id,
            ProcedureId = command.ProcedureId == Guid.Empty ? inspection.ProcedureId : command.ProcedureId,
            CadreId = command.CadreId,
            Qualified = command.Qualified,
            Findings = command.Findings,
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.InspectionFindings.Add(finding);
        db.PublishViaOutbox(new InspectionConcluded(finding.ProcedureId, finding.TenantId, finding.CadreId, inspection.Id,
            finding.Qualified ? Outcomes.Passed : Outcomes.Failed,
            finding.Qualified ? null : "V1",
            finding.Qualified ? null : $"The inspection team led by {inspection.TeamLeader} found the candidate not qualified."),
            partitionKey: finding.CadreId.ToString());
        return finding;
    }

    /// <summary>Adds the feedback given to one candidate (V1); the caller saves.</summary>
    public async Task<InspectionFeedback> GiveFeedback(GiveInspectionFeedback command, string recordedBy, CancellationToken ct)
    {
        var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == command.InspectionId && i.TenantId == command.TenantId, ct)
                         ?? throw new NotFoundException("No such inspection.");
        var hasFinding = await db.InspectionFindings.AnyAsync(f => f.InspectionId == inspection.Id && f.CadreId == command.CadreId, ct);
        InspectionRules.CheckFeedback(inspection, hasFinding, command.GivenOn, clock.Today(command.TenantId)).ThrowIfAny();
        if (await db.InspectionFeedback.AnyAsync(f => f.InspectionId == inspection.Id && f.CadreId == command.CadreId, ct))
            throw new StateConflictException("The candidate has had the inspection's feedback; it is not given twice.", "C1");
        var feedback = new InspectionFeedback
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            InspectionId = inspection.Id,
            CadreId = command.CadreId,
            GivenOn = command.GivenOn,
            Form = command.Form,
            GivenBy = command.GivenBy.Trim(),
            Summary = command.Summary.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.InspectionFeedback.Add(feedback);
        return feedback;
    }
}
