using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Steps;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Disposition.Measures;

/// <summary>Records the short paths of admonishment and suspension (D4), each act once and on the case's record (C1); the caller saves.</summary>
public sealed class ShortPathMeasures(DispositionDbContext db, CountyClock clock)
{
    public async Task<AdmonishmentTalk> RecordTalkAsync(RecordAdmonishmentTalk command, string recordedBy, CancellationToken cancellationToken)
    {
        var @case = await CaseAsync(command.TenantId, command.CaseId, cancellationToken);
        var onRecord = await db.AdmonishmentTalks.AnyAsync(t => t.CaseId == @case.Id, cancellationToken);
        ShortPathRules.Talk(@case.ProposedMeasure, @case.Step, onRecord, OpenedOn(@case), clock.Today(@case.TenantId), command.HeldOn,
            command.HeldBy, command.Notes).Enforce();
        var talk = new AdmonishmentTalk
        {
            Id = Guid.CreateVersion7(), TenantId = @case.TenantId, CaseId = @case.Id, CadreId = @case.CadreId, HeldOn = command.HeldOn,
            HeldBy = command.HeldBy, Notes = command.Notes, RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
        };
        db.AdmonishmentTalks.Add(talk);
        Carry(@case, DispositionSteps.AdmonishmentTalk, DispositionMeasure.Admonishment, command.HeldOn,
            $"admonishment talk held by {command.HeldBy} on {command.HeldOn:yyyy-MM-dd}: {command.Notes}", recordedBy);
        db.PublishViaOutbox(new AdmonishmentTalkRecorded(@case.Follow(command.ProcedureId), @case.TenantId, @case.Id, @case.CadreId, StepOutcomes.Done,
            null, "recorded"), @case.Id.ToString());
        return talk;
    }

    public async Task<Suspension> SuspendAsync(SuspendCadre command, string recordedBy, CancellationToken cancellationToken)
    {
        var (tenantId, caseId, startedOn, decidedBy, notes) = command;
        var @case = await CaseAsync(tenantId, caseId, cancellationToken);
        ShortPathRules.Suspend(@case.ProposedMeasure, @case.Step, OpenedOn(@case), clock.Today(tenantId), startedOn, decidedBy, notes).Enforce();
        var suspension = new Suspension
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, CaseId = @case.Id, CadreId = @case.CadreId, StartedOn = startedOn, DecidedBy = decidedBy,
            Notes = notes, RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
        };
        db.Suspensions.Add(suspension);
        Carry(@case, DispositionSteps.Suspension, DispositionMeasure.SuspensionForExamination, startedOn,
            $"suspended for examination from {startedOn:yyyy-MM-dd}, decided by {decidedBy}: {notes}", recordedBy);
        return suspension;
    }

    public async Task<Suspension> LiftAsync(LiftSuspension command, string recordedBy, CancellationToken cancellationToken)
    {
        var (tenantId, caseId, liftedOn, conclusion) = command;
        var @case = await CaseAsync(tenantId, caseId, cancellationToken);
        var suspension = await db.Suspensions.SingleOrDefaultAsync(s => s.CaseId == @case.Id, cancellationToken);
        ShortPathRules.Lift(@case.Step, suspension?.StartedOn ?? default, clock.Today(tenantId), liftedOn, conclusion).Enforce();
        if (suspension is null) throw new StateConflictException("The case has no suspension to lift.", "D4");
        suspension.LiftedOn = liftedOn;
        suspension.Conclusion = conclusion;
        @case.Step = DispositionSteps.SuspensionLifted;
        AddRecord(@case, DispositionSteps.SuspensionLifted, null, $"suspension lifted on {liftedOn:yyyy-MM-dd}: {conclusion}", recordedBy);
        return suspension;
    }

    /// <summary>The short path's act decides the measure: the case records it and the cadre's file hears of it (C3).</summary>
    void Carry(DispositionCase @case, string step, DispositionMeasure measure, DateOnly on, string notes, string recordedBy)
    {
        @case.Step = step;
        @case.Measure = measure.ToString();
        @case.DecidedOn = on;
        AddRecord(@case, step, measure.ToString(), notes, recordedBy);
        db.ReportMeasure(@case, measure.ToString(), on, notes);
    }

    void AddRecord(DispositionCase @case, string step, string? measure, string notes, string recordedBy) =>
        db.CaseSteps.Add(new CaseStepRecord
        {
            Id = Guid.CreateVersion7(), CaseId = @case.Id, TenantId = @case.TenantId, Step = step, Measure = measure,
            Notes = notes.Length > CaseSteps.MaxNotes ? notes[..CaseSteps.MaxNotes] : notes, RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
        });

    DateOnly OpenedOn(DispositionCase @case) => clock.DateOf(@case.OpenedAt, @case.TenantId);

    async Task<DispositionCase> CaseAsync(string tenantId, Guid caseId, CancellationToken cancellationToken) =>
        await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId && c.TenantId == tenantId, cancellationToken) ?? throw new NotFoundException("No such case.");
}
