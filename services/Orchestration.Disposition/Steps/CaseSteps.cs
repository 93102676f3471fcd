using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Measures;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Disposition.Steps;

/// <summary>
/// Takes a case through the D3 steps, recording each (C1) and answering with the step's own event; the caller saves. A refused step
/// throws (the door answers: a problem on HTTP, the step's Refused result on the bus) and leaves nothing behind.
/// </summary>
public sealed class CaseSteps(DispositionDbContext db, CountyClock clock)
{
    /// <summary>
    /// Records the step when D3/D4 allow it. A step that names its procedure makes that procedure the case's: later entries made
    /// without naming one (the ledger kept by hand) still reach it.
    /// </summary>
    public async Task<DispositionCase> TakeAsync(Guid procedureId, string tenantId, Guid caseId, string step, DispositionMeasure? measure,
        string notes, string recordedBy, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId && c.TenantId == tenantId, cancellationToken)
                    ?? throw new NotFoundException("No such case.");
        StepRules.Check(@case.Step, step, measure, @case.ReinstatedAt is not null, @case.ProposedMeasure).Enforce();
        var now = clock.UtcNow;
        @case.Step = step;
        if (measure is { } decided)
        {
            // D6: revisits and the bars of demotion and removal count from the county day of the decision; C3: the file hears of it.
            @case.Measure = decided.ToString();
            @case.DecidedOn = clock.DateOf(now, @case.TenantId);
            db.ReportMeasure(@case, @case.Measure, @case.DecidedOn.Value, notes);
        }
        db.CaseSteps.Add(new CaseStepRecord
        {
            Id = Guid.CreateVersion7(), CaseId = @case.Id, TenantId = @case.TenantId, Step = step, Measure = measure?.ToString(),
            Notes = notes, RecordedBy = recordedBy, RecordedAt = now,
        });
        var result = Result(step, @case.Follow(procedureId), tenantId, caseId, measure, StepOutcomes.Done, null, $"{step} recorded")
                     ?? throw new RuleViolationException("step", "D3", $"{step} is not a step after initiation.");
        db.PublishViaOutbox(result, @case.Id.ToString());
        return @case;
    }

    public const int MaxNotes = 2000;

    /// <summary>The step's own result event; null for a name that is not a step after initiation.</summary>
    public static IDomainResult? Result(string step, Guid procedureId, string tenantId, Guid caseId, DispositionMeasure? measure, string outcome,
        string? ruleId, string? reason) => step switch
    {
        DispositionSteps.Investigation => new DispositionCaseInvestigated(procedureId, tenantId, caseId, step, outcome, ruleId, reason),
        DispositionSteps.Analysis => new DispositionCaseAnalysed(procedureId, tenantId, caseId, step, outcome, ruleId, reason),
        DispositionSteps.Decision => new DispositionCaseDecided(procedureId, tenantId, caseId, step, measure, outcome, ruleId, reason),
        DispositionSteps.NotificationTalk => new DispositionNotificationTalkHeld(procedureId, tenantId, caseId, step, outcome, ruleId, reason),
        DispositionSteps.FilingAndTracking => new DispositionCaseFiled(procedureId, tenantId, caseId, step, outcome, ruleId, reason),
        _ => null,
    };
}
