using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>
/// A consumer whose effect is applied exactly once: the message id is recorded in the service's inbox in the
/// same transaction as the effect and the messages it publishes through the outbox. A redelivered message
/// finds its inbox row and is acknowledged without effect; two concurrent deliveries collide on the inbox key
/// and the loser is retried, then skipped.
/// </summary>
public abstract class InboxConsumer<TMessage, TDbContext>(TDbContext db) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>
    /// The consumer's name in the inbox key: stable across releases (no assembly name or version), so a redelivery that straddles
    /// an upgrade is still recognized. By default the consumer's namespace-qualified type name, with the type arguments of a
    /// generic consumer written the same way (<c>Ns.DomainResultConsumer&lt;Ns.RecommendationRoundConcluded&gt;</c>). Override to
    /// keep a consumer's dedupe when it is renamed or moved.
    /// </summary>
    public virtual string ConsumerName => InboxKeys.StableName(GetType());

    /// <summary>Applies the message. Change <see cref="Db"/> and publish with <c>Db.PublishViaOutbox</c>; do not save.</summary>
    protected abstract Task ConsumeOnce(ConsumeContext<TMessage> context, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var consumer = ConsumerName;
        // Rows written before the key was stable named a generic consumer by its CLR full name (with assembly versions).
        var legacy = GetType().FullName is { } fullName && fullName != consumer ? fullName : consumer;
        var services = context.TryGetPayload<IServiceProvider>(out var provider) ? provider : null;
        var time = services?.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services?.GetService<ILoggerFactory>()?.CreateLogger(GetType()) ?? NullLogger.Instance;
        var cancellationToken = context.CancellationToken;
        using var step = StepToken.Use(context.Headers.Get<string>(StepToken.Header)); // answers published meanwhile carry it back
        using var actor = CommandActor.Use(context.Headers.Get<string>(CommandActor.Header)); // and the person who caused the command

        var strategy = Db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            Db.ChangeTracker.Clear();
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            // The whole transaction is retried or dropped on failure, never continued: no savepoint round trips around the save.
            Db.Database.AutoSavepointsEnabled = false;
            if (!await InboxRows.ClaimAsync(Db, messageId, consumer, legacy, time.GetUtcNow(), cancellationToken))
            {
                logger.LogInformation("{Message} {MessageId} was already applied by {Consumer}; skipped", typeof(TMessage).Name, messageId, consumer);
                Orchestration.ServiceDefaults.Telemetry.InboxMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("message_type", typeof(TMessage).Name));
                return;
            }

            await ConsumeOnce(context, cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}

/// <summary>The inbox rows of a consumer's transaction.</summary>
public static class InboxRows
{
    /// <summary>
    /// Records, inside the open transaction, that <paramref name="consumer"/> applies <paramref name="messageId"/>; false when it (or
    /// it under its <paramref name="legacy"/> name) already did. On PostgreSQL one statement both checks and inserts: a concurrent
    /// delivery of the same message waits on the row until this transaction ends, then finds it (or, after a rollback, takes it).
    /// SQLite, the single-writer embedded store, checks and adds through the change tracker.
    /// <para>
    /// The legacy name is looked up only where it differs from the name, one key at a time through the primary key. Written as a
    /// <c>NOT EXISTS</c>, the lookup let PostgreSQL hash it over a sequential scan of the whole inbox, and the plan a connection
    /// cached while the inbox was young (six hundred rows) went on scanning on every claim as the inbox grew. A lateral lookup with
    /// a limit cannot be hashed.
    /// </para>
    /// </summary>
    public static async Task<bool> ClaimAsync(DbContext db, Guid messageId, string consumer, string legacy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql()) return (await ClaimManyAsync(db, [(messageId, consumer, legacy)], now, cancellationToken)).Count == 1;
        if (await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && (m.Consumer == consumer || m.Consumer == legacy), cancellationToken))
            return false;
        db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ReceivedAt = now });
        return true;
    }

    /// <summary>
    /// <see cref="ClaimAsync"/> for several messages at once (on PostgreSQL in one statement): the (message, consumer) pairs claimed now.
    /// A pair listed twice is claimed once.
    /// </summary>
    public static async Task<HashSet<(Guid MessageId, string Consumer)>> ClaimManyAsync(DbContext db,
        IReadOnlyCollection<(Guid MessageId, string Consumer, string Legacy)> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // In key order, so two batches holding redeliveries of each other's messages wait for one another instead of deadlocking.
        var distinct = messages.DistinctBy(m => (m.MessageId, m.Consumer)).OrderBy(m => m.MessageId).ThenBy(m => m.Consumer, StringComparer.Ordinal).ToList();
        if (!db.Database.IsNpgsql())
        {
            var claimed = new HashSet<(Guid, string)>();
            foreach (var (messageId, consumer, legacy) in distinct)
                if (await ClaimAsync(db, messageId, consumer, legacy, now, cancellationToken)) claimed.Add((messageId, consumer));
            return claimed;
        }
        var ids = distinct.Select(m => m.MessageId).ToArray();
        var consumers = distinct.Select(m => m.Consumer).ToArray();
        var legacies = distinct.Select(m => m.Legacy).ToArray();
        var rows = await db.Database.SqlQuery<ClaimedInboxRow>($"""
            INSERT INTO inbox_messages (message_id, consumer, received_at)
            SELECT t.message_id, t.consumer, {now}
            FROM unnest({ids}, {consumers}, {legacies}) AS t(message_id, consumer, legacy)
            LEFT JOIN LATERAL (SELECT 1 AS found FROM inbox_messages x
                               WHERE t.legacy <> t.consumer AND x.message_id = t.message_id AND x.consumer = t.legacy LIMIT 1) l ON true
            WHERE l.found IS NULL
            ON CONFLICT DO NOTHING
            RETURNING message_id AS "MessageId", consumer AS "Consumer"
            """).ToListAsync(cancellationToken);
        return rows.Select(r => (r.MessageId, r.Consumer)).ToHashSet();
    }
}

/// <summary>A message a consumer claimed (see <see cref="InboxRows.ClaimManyAsync"/>).</summary>
public sealed class ClaimedInboxRow
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";
}

/// <summary>The consumer names the inbox keys its rows by.</summary>
public static class InboxKeys
{
    /// <summary>A type's namespace-qualified name with its type arguments named likewise; no assembly name or version.</summary>
    public static string StableName(Type type)
    {
        if (!type.IsGenericType) return type.FullName ?? type.Name;
        var definition = type.GetGenericTypeDefinition();
        var name = definition.FullName ?? definition.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        return $"{name}<{string.Join(",", type.GetGenericArguments().Select(StableName))}>";
    }
}
