using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.ServiceDefaults.Tests.Sample;

// A second service that keeps a receipt of every entry announced by the ledger.

public sealed class Receipt
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public required string TenantId { get; set; }
}

public sealed class ListenerDb(DbContextOptions<ListenerDb> options) : DbContext(options)
{
    public DbSet<Receipt> Receipts => Set<Receipt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxAndInbox();
}

/// <summary>Attempts per entry in one listener, to prove retries happen and stop.</summary>
public sealed class AttemptLog
{
    public readonly ConcurrentDictionary<Guid, int> Attempts = new();
}

public sealed class EntryRecordedConsumer(ListenerDb db, AttemptLog log) : InboxConsumer<EntryRecorded, ListenerDb>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<EntryRecorded> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var attempt = log.Attempts.AddOrUpdate(message.EntryId, 1, (_, n) => n + 1);
        Db.Receipts.Add(new Receipt { Id = Guid.NewGuid(), EntryId = message.EntryId, TenantId = message.TenantId });
        if (attempt <= message.FailFirstAttempts)
            throw new InvalidOperationException($"Simulated failure {attempt} for entry {message.EntryId}.");
        return Task.CompletedTask;
    }
}

/// <summary>Counts every delivery of an entry's message, including ones the inbox skips.</summary>
public sealed class DeliveryCounter : IConsumeObserver
{
    public readonly ConcurrentDictionary<Guid, int> Deliveries = new();

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is EntryRecorded entry) Deliveries.AddOrUpdate(entry.EntryId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

public static class ListenerModule
{
    public static void AddListener(this IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<ListenerDb>("Listener", useMigrations: false);
}
