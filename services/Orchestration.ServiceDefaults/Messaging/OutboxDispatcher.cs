using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows of one DbContext. Safe with several replicas: rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, and only the oldest pending row of each partition is eligible, so
/// messages of one aggregate leave in the order they were written. A failed publish is retried with
/// back-off; a publish that succeeded but whose row update was lost (a crash) is published again with the
/// same message id, which downstream inboxes discard.
/// </summary>
internal sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TContext> signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService where TContext : DbContext
{
    static readonly ConcurrentDictionary<string, Type?> Types = new();
    readonly OutboxOptions settings = options.Value;
    DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var dispatched = await DispatchBatchAsync(stoppingToken);
                await CleanupIfDueAsync(stoppingToken);
                if (dispatched < settings.BatchSize)
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable; nothing is lost, the rows stay pending.
                logger.LogWarning(ex, "Outbox dispatch of {Context} failed; retrying", typeof(TContext).Name);
                await Task.Delay(settings.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Claims and publishes one batch; returns how many rows it claimed.</summary>
    internal async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var batch = await ClaimAsync(db, now, cancellationToken);
        if (batch.Count == 0) return 0;

        // Claimed rows are heads of distinct partitions, so they may be published concurrently.
        await Task.WhenAll(batch.Select(row => PublishAsync(row, now, cancellationToken)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    async Task<List<OutboxMessage>> ClaimAsync(TContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batchSize = settings.BatchSize;
        if (db.Database.IsNpgsql())
        {
            return await db.Set<OutboxMessage>().FromSqlInterpolated($"""
                SELECT o.* FROM outbox_messages o
                WHERE o.dispatched_at IS NULL
                  AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= {now})
                  AND (o.partition_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM outbox_messages e
                        WHERE e.partition_key = o.partition_key AND e.dispatched_at IS NULL AND e.id < o.id))
                ORDER BY o.id
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }

        // SQLite serves the single-process embedded mode: its write lock already excludes other dispatchers.
        var pending = db.Set<OutboxMessage>().Where(o => o.DispatchedAt == null);
        return await pending
            .Where(o => o.NextAttemptAt == null || o.NextAttemptAt <= now)
            .Where(o => o.PartitionKey == null || !pending.Any(e => e.PartitionKey == o.PartitionKey && e.Id < o.Id))
            .OrderBy(o => o.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
    }

    async Task PublishAsync(OutboxMessage row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var activity = StartDispatchActivity(row);
        try
        {
            var type = Types.GetOrAdd(row.MessageType, static name => Type.GetType(name, throwOnError: false))
                       ?? throw new InvalidOperationException($"Message type '{row.MessageType}' is not loaded in this service.");
            var (step, body) = StepToken.Split(row.Body);
            var message = JsonSerializer.Deserialize(body, type, OutboxWriter.Json)
                          ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty body.");

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.PublishTimeout);
            await bus.Publish(message, type, context =>
            {
                context.MessageId = row.MessageId;
                if (step is not null) context.Headers.Set(StepToken.Header, step);
            }, timeout.Token);

            row.DispatchedAt = now;
            row.LastError = null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            row.Attempts++;
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, row.Attempts), settings.MaxRetryDelay.TotalSeconds));
            row.NextAttemptAt = now + delay;
            row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogWarning(ex, "Publishing outbox message {MessageId} ({MessageType}) failed, attempt {Attempt}; next try in {Delay}",
                row.MessageId, row.MessageType, row.Attempts, delay);
        }
    }

    static Activity? StartDispatchActivity(OutboxMessage row)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        var activity = OrchestrationTelemetry.Source.StartActivity("outbox dispatch", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        activity?.SetTag("outbox.message_type", row.MessageType);
        return activity;
    }

    async Task CleanupIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < nextCleanup) return;
        nextCleanup = now + settings.CleanupInterval;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = now - settings.Retention;
        var outbox = await db.Set<OutboxMessage>().Where(o => o.DispatchedAt != null && o.DispatchedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var inbox = await db.Set<InboxMessage>().Where(i => i.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (outbox + inbox > 0)
            logger.LogInformation("Outbox cleanup of {Context}: {Outbox} published and {Inbox} inbox rows older than {Cutoff} deleted",
                typeof(TContext).Name, outbox, inbox, cutoff);
    }
}
