using MassTransit;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Steps;

/// <summary>D3 step 2 driven by a workflow; answers with <see cref="DispositionCaseInvestigated"/>.</summary>
public sealed class InvestigateDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : InboxConsumer<InvestigateDispositionCase, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<InvestigateDispositionCase> context, CancellationToken cancellationToken) =>
        steps.TakeAsync(context.Message.ProcedureId, context.Message.TenantId, context.Message.CaseId, DispositionSteps.Investigation, null,
            context.Message.Notes, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}

/// <summary>D3 step 3 driven by a workflow; answers with <see cref="DispositionCaseAnalysed"/>.</summary>
public sealed class AnalyseDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : InboxConsumer<AnalyseDispositionCase, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<AnalyseDispositionCase> context, CancellationToken cancellationToken) =>
        steps.TakeAsync(context.Message.ProcedureId, context.Message.TenantId, context.Message.CaseId, DispositionSteps.Analysis, null,
            context.Message.Notes, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}

/// <summary>D3 step 4 driven by a workflow; answers with <see cref="DispositionCaseDecided"/>.</summary>
public sealed class DecideDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : InboxConsumer<DecideDispositionCase, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<DecideDispositionCase> context, CancellationToken cancellationToken) =>
        steps.TakeAsync(context.Message.ProcedureId, context.Message.TenantId, context.Message.CaseId, DispositionSteps.Decision, context.Message.Measure,
            context.Message.Notes, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}

/// <summary>D3 step 5 driven by a workflow; answers with <see cref="DispositionNotificationTalkHeld"/>.</summary>
public sealed class HoldDispositionNotificationTalkConsumer(DispositionDbContext db, CaseSteps steps)
    : InboxConsumer<HoldDispositionNotificationTalk, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<HoldDispositionNotificationTalk> context, CancellationToken cancellationToken) =>
        steps.TakeAsync(context.Message.ProcedureId, context.Message.TenantId, context.Message.CaseId, DispositionSteps.NotificationTalk, null,
            context.Message.Notes, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}

/// <summary>D3 step 6 driven by a workflow; answers with <see cref="DispositionCaseFiled"/>.</summary>
public sealed class FileDispositionCaseConsumer(DispositionDbContext db, CaseSteps steps) : InboxConsumer<FileDispositionCase, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<FileDispositionCase> context, CancellationToken cancellationToken) =>
        steps.TakeAsync(context.Message.ProcedureId, context.Message.TenantId, context.Message.CaseId, DispositionSteps.FilingAndTracking, null,
            context.Message.Notes, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}
