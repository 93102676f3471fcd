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
    /// <returns>The message id the published message will carry.</returns>
    public static Guid PublishViaOutbox<T>(this DbContext db, T message, string? partitionKey = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var activity = Activity.Current;
        var row = new OutboxMessage
        {
            MessageId = NewId.NextGuid(),
            MessageType = MessageTypeName(type),
            Body = JsonSerializer.Serialize(message, type, Json),
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
