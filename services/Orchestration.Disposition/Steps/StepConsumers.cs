using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;

namespace Orchestration.Disposition.Steps;

/// <summary>
/// A D3 step driven by a workflow; answers with the step's event, Refused for a step out of order (D3), a decision without a measure
/// (D4), a step without notes (C1) or a case the tenant does not have.
/// </summary>
public abstract class CaseStepConsumer<TCommand>(DispositionDbContext db, CaseSteps steps) : CommandConsumer<TCommand, DispositionDbContext>(db)
    where TCommand : class, Contracts.IProcedureMessage
{
    protected abstract string Step { get; }

    protected abstract (Guid CaseId, DispositionMeasure? Measure, string Notes) Read(TCommand command);

    protected override string StepRule => "D3";

    protected override Task Apply(TCommand command, string actor, CancellationToken cancellationToken)
    {
        var (caseId, measure, notes) = Read(command);
        return steps.TakeAsync(command.ProcedureId, command.TenantId, caseId, Step, measure, notes, actor, cancellationToken);
    }

    protected override (object Result, string? PartitionKey)? Refused(TCommand command, CommandRefusal refusal)
    {
        var (caseId, measure, _) = Read(command);
        return (CaseSteps.Result(Step, command.ProcedureId, command.TenantId, caseId, measure, StepOutcomes.Refused, refusal.RuleId, refusal.Reason)!,
            caseId.ToString());
    }
}

/// <summary>D3 step 2 driven by a workflow; answers with <see cref="DispositionCaseInvestigated"/>.</summary>
public sealed class InvestigateDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : CaseStepConsumer<InvestigateDispositionCase>(db, steps)
{
    protected override string Step => DispositionSteps.Investigation;

    protected override (Guid CaseId, DispositionMeasure? Measure, string Notes) Read(InvestigateDispositionCase command) => (command.CaseId, null, command.Notes);
}

/// <summary>D3 step 3 driven by a workflow; answers with <see cref="DispositionCaseAnalysed"/>.</summary>
public sealed class AnalyseDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : CaseStepConsumer<AnalyseDispositionCase>(db, steps)
{
    protected override string Step => DispositionSteps.Analysis;

    protected override (Guid CaseId, DispositionMeasure? Measure, string Notes) Read(AnalyseDispositionCase command) => (command.CaseId, null, command.Notes);
}

/// <summary>D3 step 4 driven by a workflow; answers with <see cref="DispositionCaseDecided"/>.</summary>
public sealed class DecideDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : CaseStepConsumer<DecideDispositionCase>(db, steps)
{
    protected override string Step => DispositionSteps.Decision;

    protected override (Guid CaseId, DispositionMeasure? Measure, string Notes) Read(DecideDispositionCase command) =>
        (command.CaseId, command.Measure, command.Notes);
}

/// <summary>D3 step 5 driven by a workflow; answers with <see cref="DispositionNotificationTalkHeld"/>.</summary>
public sealed class HoldDispositionNotificationTalkConsumer(DispositionDbContext db, CaseSteps steps)
    : CaseStepConsumer<HoldDispositionNotificationTalk>(db, steps)
{
    protected override string Step => DispositionSteps.NotificationTalk;

    protected override (Guid CaseId, DispositionMeasure? Measure, string Notes) Read(HoldDispositionNotificationTalk command) =>
        (command.CaseId, null, command.Notes);
}

/// <summary>D3 step 6 driven by a workflow; answers with <see cref="DispositionCaseFiled"/>.</summary>
public sealed class FileDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : CaseStepConsumer<FileDispositionCase>(db, steps)
{
    protected override string Step => DispositionSteps.FilingAndTracking;

    protected override (Guid CaseId, DispositionMeasure? Measure, string Notes) Read(FileDispositionCase command) => (command.CaseId, null, command.Notes);
}
