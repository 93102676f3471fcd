using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Disposition.Measures;

/// <summary>
/// An admonishment case's procedure records its talk; answers with <see cref="AdmonishmentTalkRecorded"/>, Refused (D4) for another kind
/// of case or a talk on record, (D6) for a day outside the case's life, (C1) without who held it or notes.
/// </summary>
public sealed class RecordAdmonishmentTalkConsumer(DispositionDbContext db, ShortPathMeasures measures)
    : CommandConsumer<RecordAdmonishmentTalk, DispositionDbContext>(db)
{
    protected override string StepRule => "D4";

    protected override Task Apply(RecordAdmonishmentTalk command, string actor, CancellationToken cancellationToken) =>
        measures.RecordTalkAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordAdmonishmentTalk command, CommandRefusal refusal) =>
        (new AdmonishmentTalkRecorded(command.ProcedureId, command.TenantId, command.CaseId, Guid.Empty, StepOutcomes.Refused, refusal.RuleId,
            refusal.Reason), command.CaseId.ToString());
}
