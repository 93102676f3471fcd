using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Selection;

/// <summary>A workflow's yearly selection start; answers with <see cref="SelectionRoundOpened"/>.</summary>
public sealed class OpenSelectionRoundConsumer(VillagePayDbContext db, SelectionRounds rounds) : CommandConsumer<OpenSelectionRound, VillagePayDbContext>(db)
{
    protected override string StepRule => "P3";

    protected override Task Apply(OpenSelectionRound command, string actor, CancellationToken cancellationToken) =>
        rounds.OpenAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(OpenSelectionRound command, CommandRefusal refusal) =>
        (new SelectionRoundOpened(command.ProcedureId, command.TenantId, null, command.Year, 0, 0, Outcomes.Failed,
                refusal.RuleId, refusal.Reason), null);
}

/// <summary>A workflow's selection stage; answers with <see cref="SelectionStageCompleted"/>.</summary>
public sealed class AdvanceSelectionConsumer(VillagePayDbContext db, SelectionRounds rounds) : CommandConsumer<AdvanceSelection, VillagePayDbContext>(db)
{
    protected override string StepRule => "P3";

    protected override Task Apply(AdvanceSelection command, string actor, CancellationToken cancellationToken) =>
        rounds.AdvanceAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(AdvanceSelection command, CommandRefusal refusal) =>
        (new SelectionStageCompleted(command.ProcedureId, command.TenantId, command.RoundId, command.Stage, 0, null, 0, 0, null,
                Outcomes.Failed, refusal.RuleId, refusal.Reason), null);
}

/// <summary>A workflow's yearly review of institution pay; answers with <see cref="InstitutionPayRenewed"/>.</summary>
public sealed class RenewInstitutionPayConsumer(VillagePayDbContext db, SelectionRounds rounds) : CommandConsumer<RenewInstitutionPay, VillagePayDbContext>(db)
{
    protected override string StepRule => "P3";

    protected override Task Apply(RenewInstitutionPay command, string actor, CancellationToken cancellationToken) =>
        rounds.RenewAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RenewInstitutionPay command, CommandRefusal refusal) =>
        (new InstitutionPayRenewed(command.ProcedureId, command.TenantId, command.Year, 0, 0, Outcomes.Failed,
                refusal.RuleId, refusal.Reason), null);
}
