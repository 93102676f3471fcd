using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Disposition.Measures;
using Orchestration.Disposition.Steps;

namespace Orchestration.Disposition.FollowUp;

/// <summary>Keeps the D6 ledger and reinstates cadres; a refusal throws and changes nothing (the door answers it). The caller saves.</summary>
public sealed class FollowUps(DispositionDbContext db, IOptions<DispositionOptions> options, CountyClock clock)
{
    /// <summary>Adds a ledger line (D6) and announces it to the case's procedure; a refused line throws and adds nothing.</summary>
    public async Task<FollowUpEntry> RecordAsync(Guid procedureId, string tenantId, Guid caseId, string kind, DateOnly heldOn, string heldBy,
        string notes, CancellationToken cancellationToken)
    {
        var @case = await CaseAsync(tenantId, caseId, cancellationToken);
        var revisits = await RevisitDatesAsync(caseId, cancellationToken);
        FollowUpRules.CanRecord(@case.Step, @case.ReinstatedAt is not null).Enforce();
        FollowUpRules.Entry(heldOn, heldBy, notes).Enforce();
        FollowUpRules.Dated(kind, DecidedOn(@case), clock.Today(tenantId), heldOn, revisits).Enforce();
        var entry = new FollowUpEntry
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, CaseId = caseId, CadreId = @case.CadreId, Kind = kind, HeldOn = heldOn, HeldBy = heldBy,
            Notes = notes, RecordedAt = clock.UtcNow,
        };
        db.FollowUps.Add(entry);

        var procedure = @case.Follow(procedureId);
        if (kind == FollowUpKinds.Talk)
            db.PublishViaOutbox(new FollowUpTalkRecorded(procedure, tenantId, caseId, entry.Id, StepOutcomes.Done, null, "recorded"), caseId.ToString());
        else if (kind == FollowUpKinds.Revisit)
        {
            revisits.Add(entry.HeldOn);
            var quarters = FollowUpRules.QuartersRevisited(DecidedOn(@case), revisits);
            db.PublishViaOutbox(new RevisitRecorded(procedure, tenantId, caseId, entry.Id, quarters, StepOutcomes.Done, null, "recorded"), caseId.ToString());
        }
        return entry;
    }

    /// <summary>Reinstates the cadre (D6) and announces it to the case's procedure, which ends; a refusal throws and changes nothing.</summary>
    public async Task<DispositionCase> ReinstateAsync(ReinstateCadre command, string recordedBy, CancellationToken cancellationToken)
    {
        var @case = await CaseAsync(command.TenantId, command.CaseId, cancellationToken);
        var quarters = FollowUpRules.QuartersRevisited(DecidedOn(@case), await RevisitDatesAsync(@case.Id, cancellationToken));
        var verdict = FollowUpRules.Reinstatement(@case.Step, @case.ReinstatedAt is not null, quarters, command.InspectionPassed, options.Value);
        verdict.Enforce();
        // D6: reinstatement is a promotion; the measure's bar (demotion: none for two years; removal: nothing above the former level) must have run.
        var bar = MeasureBarRules.Of(@case.Id, @case.Measure, @case.DecidedOn, clock.Today(@case.TenantId));
        if (MeasureBarRules.Reinstatement(bar, command.AboveOriginalLevel) is { Allowed: false } barred)
            throw new RuleViolationException(command.AboveOriginalLevel ? "aboveOriginalLevel" : "caseId", "D6", barred.Reason!);
        var now = clock.UtcNow;
        @case.ReinstatedAt = now;
        db.CaseSteps.Add(new CaseStepRecord
        {
            Id = Guid.CreateVersion7(), CaseId = @case.Id, TenantId = @case.TenantId, Step = "Reinstatement",
            Notes = $"考察合格，恢复使用：已回访{quarters}个季度；考察材料：{command.InspectionReference ?? "未注明"}", RecordedBy = recordedBy, RecordedAt = now,
        });
        db.PublishViaOutbox(new CadreReinstated(@case.Follow(command.ProcedureId), @case.TenantId, @case.Id, @case.CadreId, FollowUpOutcomes.Reinstated, null,
            verdict.Reason), @case.Id.ToString());
        return @case;
    }

    public const int MaxInspectionReference = 200;

    Task<List<DateOnly>> RevisitDatesAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.FollowUps.Where(f => f.CaseId == caseId && f.Kind == FollowUpKinds.Revisit).Select(f => f.HeldOn).ToListAsync(cancellationToken);

    /// <summary>The measure's county date; a case decided before the date was kept counts from the day it was opened.</summary>
    DateOnly DecidedOn(DispositionCase @case) => @case.DecidedOn ?? clock.DateOf(@case.OpenedAt, @case.TenantId);

    async Task<DispositionCase> CaseAsync(string tenantId, Guid caseId, CancellationToken cancellationToken) =>
        await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId && c.TenantId == tenantId, cancellationToken) ?? throw new NotFoundException("No such case.");
}
