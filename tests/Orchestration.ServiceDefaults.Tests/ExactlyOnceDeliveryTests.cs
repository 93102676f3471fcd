using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// The transactional outbox and the inbox over the real PostgreSQL and RabbitMQ: an entity saved and an event
/// published in one transaction reach another service's consumer exactly once.
/// </summary>
public sealed class ExactlyOnceDeliveryTests(ExactlyOnceDeliveryTests.Services services) : IClassFixture<ExactlyOnceDeliveryTests.Services>
{
    public sealed class Services : IAsyncLifetime
    {
        public ServersFixture Servers { get; } = new();
        public SpanCollector Spans { get; } = new();
        public DeliveryCounter Deliveries { get; } = new();
        public AttemptLog Attempts { get; } = new();
        public WebApplication Ledger { get; private set; } = null!;
        public WebApplication Listener { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Servers.InitializeAsync();
            Listener = await SampleHosts.StartListenerAsync(Servers, Spans, Deliveries, Attempts);
            Ledger = await SampleHosts.StartLedgerAsync(Servers, Spans);
        }

        public async Task DisposeAsync()
        {
            await Ledger.DisposeAsync();
            await Listener.DisposeAsync();
            await Servers.DisposeAsync();
        }
    }

    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client() => services.Ledger.GetTestClient().As(tenant, Roles.OrganizationDepartment);

    async Task<Entry> RecordAsync(string name, int failFirstAttempts = 0)
    {
        var response = await Client().PostAsJsonAsync("/api/ledger/entries", new RecordEntry(name, failFirstAttempts));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Entry>())!;
    }

    async Task<int> ReceiptsFor(Guid entryId)
    {
        await using var scope = services.Listener.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ListenerDb>().Receipts.CountAsync(r => r.EntryId == entryId);
    }

    Task DeliveredTimes(Guid entryId, int times) =>
        Eventually.True(() => Task.FromResult(services.Deliveries.Deliveries.GetValueOrDefault(entryId) >= times), $"{times} deliveries of entry {entryId}");

    [Fact]
    public async Task An_event_written_with_the_entity_reaches_the_other_service_once()
    {
        var entry = await RecordAsync("motion filed");

        await Eventually.True(async () => await ReceiptsFor(entry.Id) > 0, "the listener's receipt");
        await DeliveredTimes(entry.Id, 1);
        (await ReceiptsFor(entry.Id)).ShouldBe(1);
        services.Attempts.Attempts[entry.Id].ShouldBe(1);
    }

    [Fact]
    public async Task A_consumer_that_throws_on_its_first_attempt_is_retried_and_applies_once()
    {
        var entry = await RecordAsync("flaky downstream", failFirstAttempts: 1);

        await Eventually.True(async () => await ReceiptsFor(entry.Id) > 0, "the receipt after a retry");
        await DeliveredTimes(entry.Id, 1);
        services.Attempts.Attempts[entry.Id].ShouldBe(2);
        (await ReceiptsFor(entry.Id)).ShouldBe(1); // the failed attempt's receipt rolled back with it
    }

    [Fact]
    public async Task A_message_redelivered_after_it_was_applied_is_skipped()
    {
        var message = new EntryRecorded(Guid.NewGuid(), "redelivered", tenant, 0);
        var messageId = NewId.NextGuid();
        var bus = services.Ledger.Services.GetRequiredService<IBus>();

        await bus.Publish(message, context => context.MessageId = messageId);
        await DeliveredTimes(message.EntryId, 1);
        await bus.Publish(message, context => context.MessageId = messageId);
        await DeliveredTimes(message.EntryId, 2);

        services.Attempts.Attempts[message.EntryId].ShouldBe(1); // the second delivery never reached the effect
        (await ReceiptsFor(message.EntryId)).ShouldBe(1);
        await using var scope = services.Listener.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ListenerDb>().Set<InboxMessage>().CountAsync(m => m.MessageId == messageId)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_at_once_is_applied_once()
    {
        var message = new EntryRecorded(Guid.NewGuid(), "duplicated", tenant, 0);
        var messageId = NewId.NextGuid();
        var bus = services.Ledger.Services.GetRequiredService<IBus>();

        await Task.WhenAll(
            bus.Publish(message, context => context.MessageId = messageId),
            bus.Publish(message, context => context.MessageId = messageId));

        await DeliveredTimes(message.EntryId, 2);
        (await ReceiptsFor(message.EntryId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_message_applied_under_the_consumers_former_inbox_name_is_not_applied_again()
    {
        var messageId = NewId.NextGuid();
        await using var scope = services.Listener.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ListenerDb>();
        db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = "Former.Name, Version=1.0.0.0", ReceivedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();

        await using var transaction = await db.Database.BeginTransactionAsync();
        (await InboxRows.ClaimAsync(db, messageId, "Current.Name", "Former.Name, Version=1.0.0.0", DateTimeOffset.UtcNow, CancellationToken.None)).ShouldBeFalse();
        (await InboxRows.ClaimAsync(db, NewId.NextGuid(), "Current.Name", "Former.Name, Version=1.0.0.0", DateTimeOffset.UtcNow, CancellationToken.None))
            .ShouldBeTrue("a message the consumer never applied is claimed");
    }

    [Fact]
    public async Task A_claim_waits_for_a_concurrent_claim_of_the_same_message_and_takes_it_only_if_that_one_rolls_back()
    {
        var rolledBack = NewId.NextGuid();
        var committed = NewId.NextGuid();
        await using var first = services.Listener.Services.CreateAsyncScope();
        await using var second = services.Listener.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<ListenerDb>();
        var b = second.ServiceProvider.GetRequiredService<ListenerDb>();

        foreach (var (messageId, commit) in new[] { (rolledBack, false), (committed, true) })
        {
            await using var txA = await a.Database.BeginTransactionAsync();
            (await InboxRows.ClaimAsync(a, messageId, "Claiming.Consumer", "Claiming.Consumer", DateTimeOffset.UtcNow, CancellationToken.None)).ShouldBeTrue();
            await using var txB = await b.Database.BeginTransactionAsync();
            var waiting = InboxRows.ClaimAsync(b, messageId, "Claiming.Consumer", "Claiming.Consumer", DateTimeOffset.UtcNow, CancellationToken.None);
            await Task.Delay(300);
            waiting.IsCompleted.ShouldBeFalse("the second claim waits on the first one's row until that transaction ends");
            if (commit) await txA.CommitAsync(); else await txA.RollbackAsync();
            (await waiting).ShouldBe(!commit, commit ? "the message was applied by the first" : "the first rolled back: the message is still to be applied");
            await txB.CommitAsync();
        }
        (await a.Set<InboxMessage>().CountAsync(m => (m.MessageId == rolledBack || m.MessageId == committed) && m.Consumer == "Claiming.Consumer")).ShouldBe(2);
    }

    [Fact]
    public async Task Nothing_is_published_when_the_transaction_rolls_back()
    {
        var abandoned = await Client().PostAsJsonAsync("/api/ledger/entries/abandoned", new RecordEntry("never happened"));
        abandoned.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // A later entry of the same tenant arrives; the abandoned one left no row to publish.
        var later = await RecordAsync("happened");
        await Eventually.True(async () => await ReceiptsFor(later.Id) > 0, "the later entry's receipt");

        await using var scope = services.Ledger.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerDb>();
        (await ledger.Entries.CountAsync(e => e.TenantId == tenant)).ShouldBe(1);
        var bodies = await ledger.Set<OutboxMessage>().Select(m => m.Body).ToListAsync();
        bodies.Count(b => b.Contains("never happened")).ShouldBe(0);
        await using var listenerScope = services.Listener.Services.CreateAsyncScope();
        (await listenerScope.ServiceProvider.GetRequiredService<ListenerDb>().Receipts.CountAsync(r => r.TenantId == tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task One_trace_spans_the_request_the_publish_the_broker_hop_and_the_consumer()
    {
        var entry = await RecordAsync("traced");
        await Eventually.True(async () => await ReceiptsFor(entry.Id) > 0, "the receipt");
        Guid messageId;
        await using (var scope = services.Ledger.Services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<LedgerDb>();
            messageId = (await ledger.Set<OutboxMessage>().SingleAsync(m => m.Body.Contains(entry.Id.ToString()))).MessageId;
        }

        var consume = await Eventually.Get(() => Task.FromResult(services.Spans.Snapshot().FirstOrDefault(span =>
            span.Kind == ActivityKind.Consumer && span.Source.Name == "MassTransit" && CarriesMessage(span, messageId))),
            "the consumer's span");

        var trace = services.Spans.Snapshot().Where(span => span.TraceId == consume.TraceId).ToList();
        trace.ShouldContain(span => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore",
            "the HTTP request that wrote the entry");
        trace.ShouldContain(span => span.OperationName == "outbox dispatch", "the outbox dispatch");
        trace.ShouldContain(span => span.Kind == ActivityKind.Producer && span.Source.Name == "MassTransit", "the publish to RabbitMQ");
    }

    static bool CarriesMessage(Activity span, Guid messageId) =>
        span.TagObjects.Any(tag => tag.Key.StartsWith("messaging.message", StringComparison.Ordinal) && tag.Key.EndsWith("id", StringComparison.Ordinal)
                                   && string.Equals(tag.Value?.ToString(), messageId.ToString(), StringComparison.OrdinalIgnoreCase));
}
