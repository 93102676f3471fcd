using MassTransit;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.FollowUp;

/// <summary>The monthly talk's timer fired and the talk was held; answers with <see cref="FollowUpTalkRecorded"/>.</summary>
public sealed class RecordFollowUpTalkConsumer(DispositionDbContext db, FollowUps followUps) : InboxConsumer<RecordFollowUpTalk, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RecordFollowUpTalk> context, CancellationToken cancellationToken) =>
        followUps.RecordAsync(context.Message.ProcedureId, context.Message.TenantId, context.Message.CaseId, FollowUpKinds.Talk, context.Message.HeldOn,
            context.Message.HeldBy, context.Message.Notes, cancellationToken);
}

/// <summary>The quarterly revisit; answers with <see cref="RevisitRecorded"/>.</summary>
public sealed class RecordRevisitConsumer(DispositionDbContext db, FollowUps followUps) : InboxConsumer<RecordRevisit, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RecordRevisit> context, CancellationToken cancellationToken) =>
        followUps.RecordAsync(context.Message.ProcedureId, context.Message.TenantId, context.Message.CaseId, FollowUpKinds.Revisit, context.Message.HeldOn,
            context.Message.HeldBy, context.Message.Notes, cancellationToken);
}

/// <summary>The reinstatement review; answers with <see cref="CadreReinstated"/>, refused by D6 before enough revisits or without a passed inspection.</summary>
public sealed class ReinstateCadreConsumer(DispositionDbContext db, FollowUps followUps) : InboxConsumer<ReinstateCadre, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<ReinstateCadre> context, CancellationToken cancellationToken) =>
        followUps.ReinstateAsync(context.Message, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}
