using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// The inbox claim and the outbox claim read only what they need however many rows the tables keep (a month of inbox rows, a week of
/// published outbox rows), also while PostgreSQL's statistics still describe the table as it was when young: the plans PostgreSQL
/// picks then scanned every row on every claim, which slowed each step in proportion to the traffic already served.
/// </summary>
public sealed class QueueScanTests(OutboxDeadLetterTests.Ledger ledger) : IClassFixture<OutboxDeadLetterTests.Ledger>
{
    /// <summary>
    /// Gives the inbox six hundred rows, analyzes it (young) and keeps autovacuum from analyzing it again. (At a few hundred rows a
    /// scan costs PostgreSQL less than a lookup by key, whatever the statement; at six hundred, the claim that let it hash the
    /// lookup over a scan still scanned, and the claim as it is looks each key up.)
    /// </summary>
    static async Task FreezeInboxStatisticsAsync(LedgerDb db, string consumer, DateTimeOffset now)
    {
        await db.Database.ExecuteSqlAsync($"ALTER TABLE inbox_messages SET (autovacuum_enabled = false)");
        await db.Database.ExecuteSqlAsync($"INSERT INTO inbox_messages SELECT gen_random_uuid(), {consumer}, {now} FROM generate_series(1, 600)");
        await db.Database.ExecuteSqlAsync($"ANALYZE inbox_messages");
    }

    /// <summary>The same for the outbox.</summary>
    static async Task FreezeOutboxStatisticsAsync(LedgerDb db, DateTimeOffset now)
    {
        await db.Database.ExecuteSqlAsync($"ALTER TABLE outbox_messages SET (autovacuum_enabled = false)");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, dispatched_at, attempts)
            SELECT gen_random_uuid(), 'young', 'null', NULL, {now}, {now}, 0 FROM generate_series(1, 300)
            """);
        await db.Database.ExecuteSqlAsync($"ANALYZE outbox_messages");
    }

    [Fact]
    public async Task The_inbox_claim_looks_up_each_key_and_its_legacy_name_without_scanning_the_inbox()
    {
        var consumer = "Orchestration.Sample.ReplyConsumer<Orchestration.Sample.EntryRecorded>";
        var legacy = consumer + ", Orchestration.Sample, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null";
        var (seenUnderLegacy, fresh, seenUnderName) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;

        var (claimed, scans) = await ledger.Db(async db =>
        {
            // One connection throughout, as a service's pooled connection: its prepared claim is planned while the inbox is young.
            await db.Database.OpenConnectionAsync();
            await FreezeInboxStatisticsAsync(db, consumer, now);
            for (var claim = 0; claim < 15; claim++)
            {
                await using var young = await db.Database.BeginTransactionAsync();
                (await InboxRows.ClaimManyAsync(db, [(Guid.NewGuid(), consumer, legacy), (Guid.NewGuid(), consumer, legacy)], now, CancellationToken.None))
                    .Count.ShouldBe(2);
                await young.CommitAsync();
            }

            // A month of traffic later, before the statistics have caught up.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, received_at)
                SELECT gen_random_uuid(), {consumer}, {now} FROM generate_series(1, 5000)
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, received_at)
                VALUES ({seenUnderLegacy}, {legacy}, {now}), ({seenUnderName}, {consumer}, {now})
                """);

            await using var transaction = await db.Database.BeginTransactionAsync();
            var claimed = await InboxRows.ClaimManyAsync(db, [(seenUnderLegacy, consumer, legacy), (fresh, consumer, legacy), (seenUnderName, consumer, legacy)],
                now, CancellationToken.None);
            // This transaction's own reads of the table so far, counted by PostgreSQL.
            var scans = await db.Database.SqlQuery<long>($"SELECT seq_scan AS \"Value\" FROM pg_stat_xact_user_tables WHERE relname = 'inbox_messages'")
                .SingleAsync();
            await transaction.CommitAsync();
            return (claimed, scans);
        });

        claimed.ShouldBe([(fresh, consumer)]); // the one under its legacy name and the one under its name were applied before
        scans.ShouldBe(0, "the claim read the inbox sequentially");
    }

    [Fact]
    public async Task The_outbox_claim_reaches_the_pending_rows_without_walking_the_published_ones()
    {
        var marker = $"published-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await ledger.Db(async db =>
        {
            await FreezeOutboxStatisticsAsync(db, now);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, dispatched_at, attempts)
                SELECT gen_random_uuid(), {marker}, 'null', NULL, {now}, {now}, 0 FROM generate_series(1, 5000)
                """);
            return true;
        });
        var before = await IndexReads();

        var entryId = Guid.NewGuid();
        var rowId = await ledger.Db(async db =>
        {
            var id = db.PublishViaOutbox(new EntryRecorded(entryId, "after a week of traffic", "county-x", 0), $"county-x/{entryId}");
            await db.SaveChangesAsync();
            return id;
        });
        await Eventually.True(async () => (await ledger.Db(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == rowId)))
            .DispatchedAt is not null, "the row to be published");

        // The dispatcher's counts reach the statistics views when its connection next idles (within seconds); they have once its
        // update of the row (through the primary key) is counted, in the same transaction as its claim.
        var after = await Eventually.Get(async () => await IndexReads() is { } reads && reads.PrimaryKeyScans > before.PrimaryKeyScans ? reads : null,
            "the dispatcher's reads to be counted", TimeSpan.FromSeconds(40));
        after.PendingOrderScans.ShouldBeGreaterThan(before.PendingOrderScans, "the claim did not read the pending rows in order through their index");
        (after.PrimaryKeyTuples - before.PrimaryKeyTuples).ShouldBeLessThan(5000, "the claim walked the published rows through the primary key");
    }

    sealed record Reads(long PendingOrderScans, long PrimaryKeyScans, long PrimaryKeyTuples);

    Task<Reads> IndexReads() => ledger.Db(async db => (await db.Database.SqlQuery<Reads>($"""
        SELECT coalesce(sum(idx_scan) FILTER (WHERE indexrelname = 'ix_outbox_messages_pending_order'), 0) AS "PendingOrderScans",
               coalesce(sum(idx_scan) FILTER (WHERE indexrelname = 'PK_outbox_messages'), 0) AS "PrimaryKeyScans",
               coalesce(sum(idx_tup_read) FILTER (WHERE indexrelname = 'PK_outbox_messages'), 0) AS "PrimaryKeyTuples"
        FROM pg_stat_user_indexes WHERE relname = 'outbox_messages'
        """).ToListAsync()).Single());
}
