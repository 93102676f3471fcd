namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>Settings of the outbox dispatcher (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>How often replicas look for pending messages when nothing woke them.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long one publish may wait for the broker's confirmation before it is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Published rows and inbox records are deleted after this; it must exceed any redelivery delay.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
