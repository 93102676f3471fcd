namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>Settings of the outbox dispatcher and the inbox (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>How often replicas look for pending messages when nothing woke them.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long one publish may wait for the broker's confirmation before it is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Failed publishes of one row before it is dead-lettered (kept, no longer tried, its partition moves on; a procedure's message
    /// opens an incident). With the default back-off (2 s doubling, at most <see cref="MaxRetryDelay"/>) ten attempts span about
    /// 18 minutes: a broker outage longer than that dead-letters what was pending, and the operator requeues it.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Published outbox rows are deleted after this.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The inbox's dedupe window: a message redelivered (or replayed from an error queue) later than this after it was applied is
    /// applied again. Longer costs only rows (a message id, a consumer name and a time each).
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement by the cleanup, which repeats until none older than the window are left.</summary>
    public int PurgeBatchSize { get; set; } = 5000;
}
