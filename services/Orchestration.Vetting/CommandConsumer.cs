using MassTransit;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting;

/// <summary>
/// A workflow step over the bus. The capability's service applies the command exactly as over HTTP; where HTTP would answer a
/// refusal (400, 404, 409), the workflow gets the step's result event with the refusing rule instead, so the procedure
/// continues on the right port and nothing of the refused step is stored (see <see cref="CommandRefusals"/>).
/// </summary>
public abstract class CommandConsumer<TCommand>(VettingDbContext db) : InboxConsumer<TCommand, VettingDbContext>(db)
    where TCommand : class, IProcedureMessage
{
    protected abstract Task Apply(TCommand command, string recordedBy, CancellationToken cancellationToken);

    /// <summary>The result event that reports the refusal; null when the refusal needs no answer (a duplicate, say).</summary>
    protected abstract object? Refused(TCommand command, string? ruleId, string reason);

    protected override async Task ConsumeOnce(ConsumeContext<TCommand> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        if (await CommandRefusals.Capture(Db, () => Apply(command, $"workflow:{command.ProcedureId}", cancellationToken)) is { } refusal
            && Refused(command, refusal.RuleId, refusal.Reason) is { } result)
            Db.PublishViaOutbox(result, (command as ICadreMessage)?.CadreId.ToString());
    }
}
