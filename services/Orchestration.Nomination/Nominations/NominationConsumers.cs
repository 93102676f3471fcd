using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Nomination.Nominations;

/// <summary>A workflow nominates a cadre; answers <see cref="NominationAccepted"/> Passed, or Failed with the rule (N3, N4, N6, N8).</summary>
public sealed class NominateConsumer(NominationDbContext db, NominationRegistry nominations) : InboxConsumer<Nominate, NominationDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<Nominate> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        if (await CommandRefusals.Capture(Db, () => nominations.Nominate(command, $"workflow:{command.ProcedureId}", cancellationToken)) is { } refused)
            Db.PublishViaOutbox(new NominationAccepted(command.ProcedureId, command.TenantId, command.CadreId, null, false, Outcomes.Failed,
                refused.RuleId, refused.Reason), partitionKey: command.CadreId.ToString());
    }
}

/// <summary>A workflow records a failed inspection or decision meeting; the cool-off of N6 starts.</summary>
public sealed class RecordNominationFailureConsumer(NominationDbContext db, NominationRegistry nominations)
    : InboxConsumer<RecordNominationFailure, NominationDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RecordNominationFailure> context, CancellationToken cancellationToken)
    {
        nominations.RecordFailure(context.Message, $"workflow:{context.Message.ProcedureId}");
        return Task.CompletedTask;
    }
}

/// <summary>A workflow (or a partner's event mapped to it) records an integrity problem or poor reputation (N8).</summary>
public sealed class RecordDisqualifierConsumer(NominationDbContext db, NominationRegistry nominations)
    : InboxConsumer<RecordDisqualifier, NominationDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RecordDisqualifier> context, CancellationToken cancellationToken)
    {
        nominations.RecordDisqualifier(context.Message, $"workflow:{context.Message.ProcedureId}");
        return Task.CompletedTask;
    }
}
