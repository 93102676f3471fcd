using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Nomination.Nominations;

/// <summary>A procedure nominates a cadre; answers <see cref="NominationAccepted"/> Passed, or Failed with the rule (N3, N4, N6, N8).</summary>
public sealed class NominateConsumer(NominationDbContext db, NominationRegistry nominations) : CommandConsumer<Nominate, NominationDbContext>(db)
{
    protected override string StepRule => "N3";

    protected override Task Apply(Nominate command, string actor, CancellationToken cancellationToken) => nominations.Nominate(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(Nominate command, CommandRefusal refusal) =>
        (new NominationAccepted(command.ProcedureId, command.TenantId, command.CadreId, null, false, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.CadreId.ToString());
}

/// <summary>A procedure records a failed inspection or decision meeting; the cool-off of N6 starts.</summary>
public sealed class RecordNominationFailureConsumer(NominationDbContext db, NominationRegistry nominations)
    : CommandConsumer<RecordNominationFailure, NominationDbContext>(db)
{
    protected override string StepRule => "N6";

    protected override Task Apply(RecordNominationFailure command, string actor, CancellationToken cancellationToken) =>
        nominations.RecordFailure(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordNominationFailure command, CommandRefusal refusal) =>
        (new NominationFailureRecorded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, default, Outcomes.Failed, refusal.RuleId,
            refusal.Reason), command.CadreId.ToString());
}

/// <summary>A procedure (or a partner's event mapped to it) records an integrity problem or poor reputation (N8).</summary>
public sealed class RecordDisqualifierConsumer(NominationDbContext db, NominationRegistry nominations)
    : CommandConsumer<RecordDisqualifier, NominationDbContext>(db)
{
    protected override string StepRule => "N8";

    protected override Task Apply(RecordDisqualifier command, string actor, CancellationToken cancellationToken) =>
        nominations.RecordDisqualifier(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordDisqualifier command, CommandRefusal refusal) =>
        (new DisqualifierRecorded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.CadreId.ToString());
}
