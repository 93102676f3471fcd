namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>
/// A message waiting to be published. It is written in the same transaction as the business change that
/// caused it, so the change and the message commit or roll back together (transactional outbox).
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Increasing with insertion order; dispatch follows it within a partition.</summary>
    public long Id { get; set; }

    /// <summary>The MassTransit message id: stable across re-dispatch, so inboxes downstream can de-duplicate.</summary>
    public Guid MessageId { get; set; }

    public required string MessageType { get; set; }

    public required string Body { get; set; }

    /// <summary>Messages with the same key (usually an aggregate id) are published in the order they were written.</summary>
    public string? PartitionKey { get; set; }

    /// <summary>W3C trace context of the operation that wrote the message, so the publish joins its trace.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// Set when the row failed <c>Outbox:MaxAttempts</c> times: it is no longer tried and no longer holds back its partition, but
    /// stays (never purged) for the record; an operator requeues it by clearing this column and <see cref="Attempts"/>.
    /// </summary>
    public DateTimeOffset? DeadLetteredAt { get; set; }
}

/// <summary>A message a consumer has already applied; its key makes a second application impossible.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
