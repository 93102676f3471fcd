using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.Workflows;

namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows of one DbContext. Safe with several replicas: rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, and only the oldest pending row of each partition is eligible, so
/// messages of one aggregate leave in the order they were written. A failed publish is retried with
/// back-off; a publish that succeeded but whose row update was lost (a crash) is published again with the
/// same message id, which downstream inboxes discard. A row that fails <see cref="OutboxOptions.MaxAttempts"/> times is
/// dead-lettered: kept for the record, no longer tried, and no longer holding back its partition; when it is a procedure's
/// message a <see cref="ProcedureStepFailed"/> goes out (through this outbox) so the procedure gets an incident.
/// </summary>
internal sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TContext> signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService where TContext : DbContext
{
    static readonly ConcurrentDictionary<string, Type?> Types = new();

    /// <summary>What a failed publish changes on its row: the rest of the claimed row is stored as it was read.</summary>
    static readonly string[] FailureFields =
        [nameof(OutboxMessage.Attempts), nameof(OutboxMessage.LastError), nameof(OutboxMessage.NextAttemptAt), nameof(OutboxMessage.DeadLetteredAt)];
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
                // A batch that published something looks again at once: the next message of each partition it moved has just become
                // eligible, and waiting for the poll would hold a procedure's second command back by up to a poll interval.
                if (dispatched == 0)
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
        db.Database.AutoSavepointsEnabled = false; // a failed batch is rolled back whole; its rows stay pending
        var now = time.GetUtcNow();
        var batch = await ClaimAsync(db, now, cancellationToken);
        if (batch.Count == 0) return 0;

        // Claimed rows are heads of distinct partitions, so they may be published concurrently.
        await Task.WhenAll(batch.Select(row => PublishAsync(row, now, cancellationToken)));

        // The published rows are marked in one statement; the few that failed keep their attempt, error and next try row by row.
        var published = batch.Where(r => r.DispatchedAt == now).Select(r => r.Id).ToList();
        if (published.Count > 0)
            await db.Set<OutboxMessage>().Where(o => published.Contains(o.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.DispatchedAt, now).SetProperty(o => o.LastError, (string?)null), cancellationToken);
        foreach (var row in batch.Where(r => r.DispatchedAt != now))
        {
            var entry = db.Attach(row);
            foreach (var property in FailureFields) entry.Property(property).IsModified = true;
            if (row.DeadLetteredAt == now) DeadLettered(db, row);
        }
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
                WHERE o.dispatched_at IS NULL AND o.dead_lettered_at IS NULL
                  AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= {now})
                  AND (o.partition_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM outbox_messages e
                        WHERE e.partition_key = o.partition_key AND e.dispatched_at IS NULL AND e.dead_lettered_at IS NULL AND e.id < o.id))
                ORDER BY o.id
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """).AsNoTracking().ToListAsync(cancellationToken);
        }

        // SQLite serves the single-process embedded mode: its write lock already excludes other dispatchers.
        var pending = db.Set<OutboxMessage>().Where(o => o.DispatchedAt == null && o.DeadLetteredAt == null);
        return await pending.AsNoTracking()
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
            var (step, actor, body) = StepToken.Split(row.Body);
            var message = JsonSerializer.Deserialize(body, type, OutboxWriter.Json)
                          ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty body.");

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.PublishTimeout);
            await bus.Publish(message, type, context =>
            {
                context.MessageId = row.MessageId;
                if (step is not null) context.Headers.Set(StepToken.Header, step);
                if (actor is not null) context.Headers.Set(CommandActor.Header, actor);
            }, timeout.Token);

            row.DispatchedAt = now;
            row.LastError = null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            row.Attempts++;
            row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            if (row.Attempts >= Math.Max(1, settings.MaxAttempts))
            {
                row.DeadLetteredAt = now;
                row.NextAttemptAt = null;
                logger.LogError(ex, "Outbox message {MessageId} ({MessageType}, partition {Partition}) failed {Attempts} times and is dead-lettered; " +
                    "its partition moves on", row.MessageId, row.MessageType, row.PartitionKey, row.Attempts);
                return;
            }
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, row.Attempts), settings.MaxRetryDelay.TotalSeconds));
            row.NextAttemptAt = now + delay;
            logger.LogWarning(ex, "Publishing outbox message {MessageId} ({MessageType}) failed, attempt {Attempt}; next try in {Delay}",
                row.MessageId, row.MessageType, row.Attempts, delay);
        }
    }

    /// <summary>Counts the dead letter and, for a procedure's message, tells the workflow server through this outbox.</summary>
    void DeadLettered(TContext db, OutboxMessage row)
    {
        OutboxMetrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("context", typeof(TContext).Name));
        if (row.MessageType.StartsWith(typeof(ProcedureStepFailed).FullName + ",", StringComparison.Ordinal)) return; // never about itself
        if (ProcedureOf(row.Body) is not var (procedureId, tenantId)) return;
        var service = configuration[ServiceIdentity.NameKey] ?? typeof(TContext).Name;
        db.PublishViaOutbox(new ProcedureStepFailed(procedureId, tenantId, service, row.MessageType, row.MessageId, row.Body,
            row.LastError ?? "publishing failed", row.Attempts));
    }

    /// <summary>The procedure and tenant a message body names (an <c>IProcedureMessage</c>, even of a type this service cannot load).</summary>
    internal static (Guid ProcedureId, string TenantId)? ProcedureOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            Guid? procedure = null;
            string? tenant = null;
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.NameEquals("procedureId") || property.NameEquals("ProcedureId"))
                    procedure = property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetGuid(out var id) ? id : null;
                else if ((property.NameEquals("tenantId") || property.NameEquals("TenantId")) && property.Value.ValueKind == JsonValueKind.String)
                    tenant = property.Value.GetString();
            }
            return procedure is { } p && p != Guid.Empty && !string.IsNullOrEmpty(tenant) ? (p, tenant) : null;
        }
        catch (JsonException)
        {
            return null;
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
        var (outbox, inbox) = await OutboxCleanup.PurgeAsync(db, now, settings, cancellationToken);
        if (outbox + inbox > 0)
            logger.LogInformation("Outbox cleanup of {Context}: {Outbox} published rows older than {Retention} and {Inbox} inbox rows older than {InboxRetention} deleted",
                typeof(TContext).Name, outbox, settings.Retention, inbox, settings.InboxRetention);
    }
}

/// <summary>Deletes what the outbox and inbox no longer need, in batches, so no statement holds locks on millions of rows.</summary>
public static class OutboxCleanup
{
    /// <summary>
    /// Deletes published outbox rows older than <see cref="OutboxOptions.Retention"/> and inbox rows older than
    /// <see cref="OutboxOptions.InboxRetention"/>, <see cref="OutboxOptions.PurgeBatchSize"/> rows per statement until none are left.
    /// Pending and dead-lettered rows are never deleted.
    /// </summary>
    public static async Task<(int Outbox, int Inbox)> PurgeAsync(DbContext db, DateTimeOffset now, OutboxOptions settings, CancellationToken cancellationToken)
    {
        var batch = Math.Max(1, settings.PurgeBatchSize);
        var outboxCutoff = now - settings.Retention;
        var inboxCutoff = now - settings.InboxRetention;
        var outbox = await InBatchesAsync(() => db.Set<OutboxMessage>().Where(o => o.DispatchedAt != null && o.DispatchedAt < outboxCutoff)
            .OrderBy(o => o.Id).Take(batch).ExecuteDeleteAsync(cancellationToken), batch);
        var inbox = await InBatchesAsync(() => db.Set<InboxMessage>().Where(i => i.ReceivedAt < inboxCutoff)
            .OrderBy(i => i.ReceivedAt).Take(batch).ExecuteDeleteAsync(cancellationToken), batch);
        return (outbox, inbox);
    }

    /// <summary>Runs one delete of at most <paramref name="batch"/> rows until a statement deletes fewer.</summary>
    static async Task<int> InBatchesAsync(Func<Task<int>> deleteBatch, int batch)
    {
        var total = 0;
        while (true)
        {
            var deleted = await deleteBatch();
            total += deleted;
            if (deleted < batch) return total;
        }
    }
}

/// <summary>The outbox's instruments, on the shared plumbing's meter.</summary>
public static class OutboxMetrics
{
    /// <summary>Outbox rows dead-lettered after <see cref="OutboxOptions.MaxAttempts"/> failed publishes.</summary>
    public static readonly System.Diagnostics.Metrics.Counter<long> DeadLettered =
        OrchestrationTelemetry.Meter.CreateCounter<long>("orchestration.outbox.dead_lettered", description: "Outbox rows dead-lettered");
}
