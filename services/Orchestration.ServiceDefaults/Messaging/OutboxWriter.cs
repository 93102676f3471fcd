using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Orchestration.ServiceDefaults.Messaging;

public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds <paramref name="message"/> to the context's outbox. It is published only after the surrounding
    /// <c>SaveChanges</c> (or transaction) commits, and never if it rolls back.
    /// </summary>
    /// <param name="partitionKey">
    /// Messages sharing a key (e.g. a cadre or case id) are published in write order. A procedure message's key is kept within
    /// its tenant (<c>tenant/key</c>), so one county's stuck message never holds back another county's.
    /// </param>
    /// <param name="stepToken">
    /// The step a procedure command is sent for (<see cref="StepToken"/>). A domain result published while a command is being
    /// consumed carries that command's token back without being told.
    /// </param>
    /// <param name="actor">
    /// Who caused the message (<see cref="CommandActor"/>); by default the person acting for the command or request being applied,
    /// for procedure messages.
    /// </param>
    /// <returns>The message id the published message will carry.</returns>
    public static Guid PublishViaOutbox<T>(this DbContext db, T message, string? partitionKey = null, string? stepToken = null, string? actor = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var activity = Activity.Current;
        var step = stepToken ?? (message is Orchestration.Contracts.IDomainResult ? StepToken.Current : null);
        var by = actor ?? (message is Orchestration.Contracts.IProcedureMessage ? CommandActor.Current : null);
        var body = StepToken.Carry(JsonSerializer.Serialize(message, type, Json), step, by);
        var row = new OutboxMessage
        {
            MessageId = NewId.NextGuid(),
            MessageType = MessageTypeName(type),
            Body = body,
            PartitionKey = partitionKey is null ? null
                : message is Orchestration.Contracts.IProcedureMessage { TenantId: { Length: > 0 } tenant } ? $"{tenant}/{partitionKey}" : partitionKey,
            TraceParent = activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null,
            TraceState = activity?.TraceStateString,
        };
        db.Set<OutboxMessage>().Add(row);
        return row.MessageId;
    }

    /// <summary>The type's full name and assembly, without version: stable across releases that keep the contract.</summary>
    public static string MessageTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

}
