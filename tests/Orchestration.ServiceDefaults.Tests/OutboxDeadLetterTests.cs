using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// A poison outbox row no longer blocks its partition: after <c>Outbox:MaxAttempts</c> it is dead-lettered (kept), the rows behind it
/// are published, and a procedure's message is reported as <see cref="ProcedureStepFailed"/>. The inbox keys and their purge.
/// </summary>
public sealed class OutboxDeadLetterTests(OutboxDeadLetterTests.Ledger ledger) : IClassFixture<OutboxDeadLetterTests.Ledger>
{
    public sealed class Ledger : IAsyncLifetime
    {
        public ServersFixture Servers { get; } = new();
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
        public WebApplication App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Servers.InitializeAsync();
            App = await SampleHosts.StartLedgerAsync(Servers, configure: builder =>
            {
                builder.Configuration["Outbox:MaxAttempts"] = "3";
                builder.Configuration["Service:Name"] = "ledger";
                builder.Services.AddSingleton<TimeProvider>(Clock);
            });
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Servers.DisposeAsync();
        }

        public async Task<T> Db<T>(Func<LedgerDb, Task<T>> work)
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<LedgerDb>());
        }
    }

    [Fact]
    public async Task A_poison_row_is_dead_lettered_after_its_attempts_and_the_rows_behind_it_are_published()
    {
        await using var probe = await BusProbe.StartAsync(ledger.Servers.RabbitMq.AmqpUri, typeof(ProcedureStepFailed), typeof(EntryRecorded));
        var partition = $"county-x/{Guid.NewGuid()}";
        var procedureId = Guid.NewGuid();
        var entryId = Guid.NewGuid();
        var (poisonId, laterId) = await ledger.Db(async db =>
        {
            var poison = new OutboxMessage
            {
                MessageId = NewId.NextGuid(), MessageType = "Orchestration.Contracts.Gone.RetiredCommand, Orchestration.Contracts",
                Body = $$"""{"procedureId":"{{procedureId}}","tenantId":"county-x","cadreId":"{{Guid.NewGuid()}}"}""", PartitionKey = partition,
            };
            db.Set<OutboxMessage>().Add(poison);
            await db.SaveChangesAsync();
            var later = db.PublishViaOutbox(new EntryRecorded(entryId, "behind the poison", "county-x", 0), partition);
            await db.SaveChangesAsync();
            return (poison.MessageId, later);
        });

        // The dispatcher tries the poison row at each back-off (2 s, 4 s …) on the service clock; the row behind it waits meanwhile.
        var poison = await Eventually.Get(async () =>
        {
            ledger.Clock.Advance(TimeSpan.FromSeconds(30));
            var row = await ledger.Db(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == poisonId));
            if (row.DeadLetteredAt is null)
                (await ledger.Db(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == laterId))).DispatchedAt.ShouldBeNull();
            return row.DeadLetteredAt is null ? null : row;
        }, "the poison row to be dead-lettered");

        poison.Attempts.ShouldBe(3);
        poison.DispatchedAt.ShouldBeNull();
        poison.LastError.ShouldNotBeNull().ShouldContain("not loaded");
        await probe.WaitFor<EntryRecorded>(e => e.EntryId == entryId); // its partition moved on
        await Eventually.True(async () => (await ledger.Db(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == laterId)))
            .DispatchedAt is not null, "the later row marked published"); // published first, then marked in the same batch's commit

        var failed = await probe.WaitFor<ProcedureStepFailed>(f => f.MessageId == poisonId);
        failed.ProcedureId.ShouldBe(procedureId);
        failed.TenantId.ShouldBe("county-x");
        failed.Service.ShouldBe("ledger");
        failed.Attempts.ShouldBe(3);
        failed.MessageType.ShouldStartWith("Orchestration.Contracts.Gone.RetiredCommand");
        failed.Reason.ShouldContain("not loaded");

        // Kept for the record: the cleanup never deletes a dead-lettered row, however old.
        await ledger.Db(db => OutboxCleanup.PurgeAsync(db, ledger.Clock.GetUtcNow().AddYears(1), new OutboxOptions(), CancellationToken.None));
        (await ledger.Db(db => db.Set<OutboxMessage>().AnyAsync(m => m.MessageId == poisonId))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_dead_lettered_row_that_names_no_procedure_is_only_kept()
    {
        var poisonId = await ledger.Db(async db =>
        {
            var row = new OutboxMessage { MessageId = NewId.NextGuid(), MessageType = "Nowhere.Type, Nowhere", Body = """{"name":"x"}""", PartitionKey = "p-none" };
            db.Set<OutboxMessage>().Add(row);
            await db.SaveChangesAsync();
            return row.MessageId;
        });

        await Eventually.True(async () =>
        {
            ledger.Clock.Advance(TimeSpan.FromSeconds(30));
            return await ledger.Db(db => db.Set<OutboxMessage>().AnyAsync(m => m.MessageId == poisonId && m.DeadLetteredAt != null));
        }, "the row to be dead-lettered");
        (await ledger.Db(db => db.Set<OutboxMessage>().CountAsync(m => m.Body.Contains(poisonId.ToString())))).ShouldBe(0);
    }

    [Fact]
    public async Task The_purge_deletes_in_batches_everything_older_than_its_window_and_nothing_newer()
    {
        var now = ledger.Clock.GetUtcNow();
        var marker = $"purge-{Guid.NewGuid():N}";
        var options = new OutboxOptions { InboxRetention = TimeSpan.FromDays(30), Retention = TimeSpan.FromDays(7), PurgeBatchSize = 5000 };
        await ledger.Db(async db =>
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, received_at)
                SELECT gen_random_uuid(), {marker}, {now} - make_interval(days => 31, secs => g) FROM generate_series(1, 12001) g
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, received_at)
                SELECT gen_random_uuid(), {marker}, {now} - make_interval(days => 29, secs => g) FROM generate_series(1, 50) g
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, dispatched_at, attempts)
                SELECT gen_random_uuid(), {marker}, 'null', NULL, {now} - interval '9 days', {now} - make_interval(days => 8, secs => g), 0 FROM generate_series(1, 5000) g
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, dispatched_at, attempts)
                SELECT gen_random_uuid(), {marker}, 'null', NULL, {now} - interval '9 days', {now} - interval '6 days', 0 FROM generate_series(1, 20) g
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, dispatched_at, attempts, dead_lettered_at)
                VALUES (gen_random_uuid(), {marker}, 'null', NULL, {now} - interval '90 days', NULL, 10, {now} - interval '80 days')
                """);
            return true;
        });

        var (outbox, inbox) = await ledger.Db(db => OutboxCleanup.PurgeAsync(db, now, options, CancellationToken.None));

        inbox.ShouldBeGreaterThanOrEqualTo(12001); // three statements of at most 5,000
        outbox.ShouldBeGreaterThanOrEqualTo(5000);
        (await ledger.Db(db => db.Set<InboxMessage>().CountAsync(m => m.Consumer == marker))).ShouldBe(50);
        (await ledger.Db(db => db.Set<InboxMessage>().CountAsync(m => m.ReceivedAt < now - options.InboxRetention))).ShouldBe(0);
        (await ledger.Db(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType == marker && m.DispatchedAt != null))).ShouldBe(20);
        (await ledger.Db(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType == marker && m.DeadLetteredAt != null))).ShouldBe(1);
    }

    [Fact]
    public void The_inbox_key_of_a_generic_consumer_names_no_assembly_version()
    {
        var type = typeof(ReplyConsumer<EntryRecorded>);
        type.FullName.ShouldNotBeNull().ShouldContain("Version="); // the key rows were written under before

        var key = InboxKeys.StableName(type);

        key.ShouldBe("Orchestration.ServiceDefaults.Tests.ReplyConsumer<Orchestration.ServiceDefaults.Tests.Sample.EntryRecorded>");
        key.ShouldNotContain("Version=");
        key.ShouldNotContain("Culture=");
        InboxKeys.StableName(typeof(EntryRecordedConsumer)).ShouldBe(typeof(EntryRecordedConsumer).FullName); // non-generic keys are unchanged
        new ReplyConsumer<EntryRecorded>(null!).ConsumerName.ShouldBe(key);
    }
}

public sealed class ReplyConsumer<T>(LedgerDb db) : InboxConsumer<T, LedgerDb>(db) where T : class
{
    protected override Task ConsumeOnce(ConsumeContext<T> context, CancellationToken cancellationToken) => Task.CompletedTask;
}
