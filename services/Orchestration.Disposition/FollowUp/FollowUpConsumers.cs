using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;

namespace Orchestration.Disposition.FollowUp;

/// <summary>
/// The monthly talk's timer fired and the talk was held; answers with <see cref="FollowUpTalkRecorded"/>, Refused (D6) before filing, after
/// reinstatement, for a line without date, author or notes, or a case the tenant does not have.
/// </summary>
public sealed class RecordFollowUpTalkConsumer(DispositionDbContext db, FollowUps followUps) : CommandConsumer<RecordFollowUpTalk, DispositionDbContext>(db)
{
    protected override string StepRule => "D6";

    protected override Task Apply(RecordFollowUpTalk command, string actor, CancellationToken cancellationToken) =>
        followUps.RecordAsync(command.ProcedureId, command.TenantId, command.CaseId, FollowUpKinds.Talk, command.HeldOn, command.HeldBy, command.Notes,
            cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordFollowUpTalk command, CommandRefusal refusal) =>
        (new FollowUpTalkRecorded(command.ProcedureId, command.TenantId, command.CaseId, Guid.Empty, StepOutcomes.Refused, refusal.RuleId, refusal.Reason),
            command.CaseId.ToString());
}

/// <summary>The quarterly revisit; answers with <see cref="RevisitRecorded"/>, Refused (D6) like the talk.</summary>
public sealed class RecordRevisitConsumer(DispositionDbContext db, FollowUps followUps) : CommandConsumer<RecordRevisit, DispositionDbContext>(db)
{
    protected override string StepRule => "D6";

    protected override Task Apply(RecordRevisit command, string actor, CancellationToken cancellationToken) =>
        followUps.RecordAsync(command.ProcedureId, command.TenantId, command.CaseId, FollowUpKinds.Revisit, command.HeldOn, command.HeldBy, command.Notes,
            cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordRevisit command, CommandRefusal refusal) =>
        (new RevisitRecorded(command.ProcedureId, command.TenantId, command.CaseId, Guid.Empty, 0, StepOutcomes.Refused, refusal.RuleId, refusal.Reason),
            command.CaseId.ToString());
}

/// <summary>The reinstatement review; answers with <see cref="CadreReinstated"/>, refused by D6 before enough revisits or without a passed inspection.</summary>
public sealed class ReinstateCadreConsumer(DispositionDbContext db, FollowUps followUps) : CommandConsumer<ReinstateCadre, DispositionDbContext>(db)
{
    protected override string StepRule => "D6";

    protected override Task Apply(ReinstateCadre command, string actor, CancellationToken cancellationToken) =>
        followUps.ReinstateAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ReinstateCadre command, CommandRefusal refusal) =>
        (new CadreReinstated(command.ProcedureId, command.TenantId, command.CaseId, Guid.Empty, FollowUpOutcomes.Refused, refusal.RuleId, refusal.Reason),
            command.CaseId.ToString());
}
