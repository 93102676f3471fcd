using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Selection;

/// <summary>A workflow's yearly selection start; answers with <see cref="SelectionRoundOpened"/>.</summary>
public sealed class OpenSelectionRoundConsumer(VillagePayDbContext db, SelectionRounds rounds) : InboxConsumer<OpenSelectionRound, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<OpenSelectionRound> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await rounds.OpenAsync(command, $"workflow:{command.ProcedureId}", cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new SelectionRoundOpened(command.ProcedureId, command.TenantId, null, command.Year, 0, 0, Outcomes.Failed,
                refusal.RuleId, refusal.Reason));
        }
    }
}

/// <summary>A workflow's selection stage; answers with <see cref="SelectionStageCompleted"/>.</summary>
public sealed class AdvanceSelectionConsumer(VillagePayDbContext db, SelectionRounds rounds) : InboxConsumer<AdvanceSelection, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<AdvanceSelection> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await rounds.AdvanceAsync(command, $"workflow:{command.ProcedureId}", cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new SelectionStageCompleted(command.ProcedureId, command.TenantId, command.RoundId, command.Stage, 0, null, 0, 0, null,
                Outcomes.Failed, refusal.RuleId, refusal.Reason));
        }
    }
}

/// <summary>A workflow's yearly review of institution pay; answers with <see cref="InstitutionPayRenewed"/>.</summary>
public sealed class RenewInstitutionPayConsumer(VillagePayDbContext db, SelectionRounds rounds) : InboxConsumer<RenewInstitutionPay, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<RenewInstitutionPay> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await rounds.RenewAsync(command, cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new InstitutionPayRenewed(command.ProcedureId, command.TenantId, command.Year, 0, 0, Outcomes.Failed,
                refusal.RuleId, refusal.Reason));
        }
    }
}
