using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Disposition.Measures;

namespace Orchestration.Disposition.FollowUp;

/// <summary>Keeps the D6 ledger and reinstates cadres; refusals change nothing but are announced to a waiting workflow. The caller saves.</summary>
public sealed class FollowUps(DispositionDbContext db, IOptions<DispositionOptions> options, CountyClock clock)
{
    public async Task<(FollowUpEntry? Entry, FollowUpVerdict Verdict)> RecordAsync(Guid procedureId, string tenantId, Guid caseId, string kind,
        DateOnly heldOn, string heldBy, string notes, CancellationToken cancellationToken)
    {
        var @case = await CaseAsync(tenantId, caseId, cancellationToken);
        var revisits = await RevisitDatesAsync(caseId, cancellationToken);
        var verdict = FollowUpRules.CanRecord(@case.Step, @case.ReinstatedAt is not null) is { Allowed: false } closed
            ? closed
            : FollowUpRules.Entry(heldOn, heldBy, notes) is { Allowed: false } incomplete
                ? incomplete
                : FollowUpRules.Dated(kind, DecidedOn(@case), clock.Today(tenantId), heldOn, revisits);
        FollowUpEntry? entry = null;
        if (verdict.Allowed)
        {
            entry = new FollowUpEntry
            {
                Id = Guid.CreateVersion7(), TenantId = tenantId, CaseId = caseId, CadreId = @case.CadreId, Kind = kind, HeldOn = heldOn, HeldBy = heldBy,
                Notes = notes, RecordedAt = clock.UtcNow,
            };
            db.FollowUps.Add(entry);
        }

        var outcome = verdict.Allowed ? StepOutcomes.Done : StepOutcomes.Refused;
        if (kind == FollowUpKinds.Talk)
            db.PublishViaOutbox(new FollowUpTalkRecorded(procedureId, tenantId, caseId, entry?.Id ?? Guid.Empty, outcome, verdict.RuleId, verdict.Reason),
                caseId.ToString());
        else if (kind == FollowUpKinds.Revisit)
        {
            if (entry is not null) revisits.Add(entry.HeldOn);
            var quarters = FollowUpRules.QuartersRevisited(DecidedOn(@case), revisits);
            db.PublishViaOutbox(new RevisitRecorded(procedureId, tenantId, caseId, entry?.Id ?? Guid.Empty, quarters, outcome, verdict.RuleId, verdict.Reason),
                caseId.ToString());
        }
        return (entry, verdict);
    }

    public async Task<(DispositionCase Case, FollowUpVerdict Verdict)> ReinstateAsync(ReinstateCadre command, string recordedBy, CancellationToken cancellationToken)
    {
        if (command.InspectionReference?.Length > MaxInspectionReference)
            throw new RuleViolationException("inspectionReference", "D6", $"An inspection reference has at most {MaxInspectionReference} characters.");
        var @case = await CaseAsync(command.TenantId, command.CaseId, cancellationToken);
        var quarters = FollowUpRules.QuartersRevisited(DecidedOn(@case), await RevisitDatesAsync(@case.Id, cancellationToken));
        var verdict = FollowUpRules.Reinstatement(@case.Step, @case.ReinstatedAt is not null, quarters, command.InspectionPassed, options.Value);
        // D6: reinstatement is a promotion; the measure's bar (demotion: none for two years; removal: nothing above the former level) must have run.
        var bar = MeasureBarRules.Of(@case.Id, @case.Measure, @case.DecidedOn, clock.Today(@case.TenantId));
        if (verdict.Allowed && MeasureBarRules.Reinstatement(bar, command.AboveOriginalLevel) is { Allowed: false } barred)
            verdict = new FollowUpVerdict(false, "D6", command.AboveOriginalLevel ? "aboveOriginalLevel" : "caseId", barred.Reason!);
        if (verdict.Allowed)
        {
            var now = clock.UtcNow;
            @case.ReinstatedAt = now;
            db.CaseSteps.Add(new CaseStepRecord
            {
                Id = Guid.CreateVersion7(), CaseId = @case.Id, TenantId = @case.TenantId, Step = "Reinstatement",
                Notes = $"reinstated after inspection {command.InspectionReference ?? "(no reference)"}; {verdict.Reason}", RecordedBy = recordedBy, RecordedAt = now,
            });
        }

        db.PublishViaOutbox(new CadreReinstated(command.ProcedureId, @case.TenantId, @case.Id, @case.CadreId,
            verdict.Allowed ? FollowUpOutcomes.Reinstated : FollowUpOutcomes.Refused, verdict.RuleId, verdict.Reason), @case.Id.ToString());
        return (@case, verdict);
    }

    public const int MaxInspectionReference = 200;

    Task<List<DateOnly>> RevisitDatesAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.FollowUps.Where(f => f.CaseId == caseId && f.Kind == FollowUpKinds.Revisit).Select(f => f.HeldOn).ToListAsync(cancellationToken);

    /// <summary>The measure's county date; a case decided before the date was kept counts from the day it was opened.</summary>
    DateOnly DecidedOn(DispositionCase @case) => @case.DecidedOn ?? clock.DateOf(@case.OpenedAt, @case.TenantId);

    async Task<DispositionCase> CaseAsync(string tenantId, Guid caseId, CancellationToken cancellationToken) =>
        await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId && c.TenantId == tenantId, cancellationToken) ?? throw new NotFoundException("No such case.");
}
