using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>Partner departments' events arrive through the Dapr sidecar as CloudEvents; each becomes one command, once.</summary>
public sealed class DaprSubscriptionTests(ExactlyOnceDeliveryTests.Services services) : IClassFixture<ExactlyOnceDeliveryTests.Services>
{
    static HttpContent CloudEvent(string id, object data) => new StringContent(JsonSerializer.Serialize(new
    {
        specversion = "1.0", id, source = "discipline-commission", type = "com.dapr.event.sent", datacontenttype = "application/json",
        pubsubname = "pubsub", topic = "partner-entries", data,
    }), Encoding.UTF8, "application/cloudevents+json");

    async Task<string> Post(string id, object data)
    {
        var response = await services.Ledger.GetTestClient().PostAsync("/dapr/events/partner-entries", CloudEvent(id, data));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
    }

    async Task<int> OutboxRowsFor(Guid entryId)
    {
        await using var scope = services.Ledger.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerDb>().Set<OutboxMessage>().CountAsync(m => m.Body.Contains(entryId.ToString()));
    }

    [Fact]
    public async Task The_sidecar_learns_the_subscriptions()
    {
        var subscriptions = await services.Ledger.GetTestClient().GetStringAsync("/dapr/subscribe");

        var topic = JsonDocument.Parse(subscriptions).RootElement.EnumerateArray().Single(s => s.GetProperty("topic").GetString() == "partner-entries");
        topic.GetProperty("pubsubName").GetString().ShouldBe("pubsub");
        topic.GetProperty("route").GetString().ShouldBe("dapr/events/partner-entries", topic.ToString());
    }

    [Fact]
    public async Task A_partner_event_delivered_twice_becomes_one_command_applied_once()
    {
        var entryId = Guid.NewGuid();
        var data = new { entryId, name = "report verified", tenantId = "county-dapr" };
        var eventId = Guid.NewGuid().ToString();

        (await Post(eventId, data)).ShouldBe("SUCCESS");
        (await Post(eventId, data)).ShouldBe("SUCCESS");

        (await OutboxRowsFor(entryId)).ShouldBe(1);
        await Eventually.True(() => Task.FromResult(services.Deliveries.Deliveries.GetValueOrDefault(entryId) >= 1), "the command's delivery");
        await using var scope = services.Listener.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ListenerDb>().Receipts.CountAsync(r => r.EntryId == entryId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_malformed_partner_event_is_dropped_and_stores_nothing()
    {
        var entryId = Guid.NewGuid();

        (await Post(Guid.NewGuid().ToString(), new { entryId, name = "", tenantId = "county-dapr" })).ShouldBe("DROP");

        (await OutboxRowsFor(entryId)).ShouldBe(0);
    }
}
