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

    async Task<HttpResponseMessage> PostAs(string? sidecarToken, string id, object data)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/dapr/events/partner-entries") { Content = CloudEvent(id, data) };
        if (sidecarToken is not null) request.Headers.Add("dapr-api-token", sidecarToken);
        return await services.Ledger.GetTestClient().SendAsync(request);
    }

    async Task<string> Post(string id, object data)
    {
        var response = await PostAs(SampleHosts.SidecarToken, id, data);
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
        topic.GetProperty("deadLetterTopic").GetString().ShouldBe("partner-entries-dead-letter", topic.ToString());
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

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ledger-sidecar-token-0123456788")]
    [InlineData("ledger-sidecar-token-0123456789-and-more")]
    public async Task A_call_without_the_sidecars_app_api_token_is_refused_and_stores_nothing(string? token)
    {
        var entryId = Guid.NewGuid();

        var response = await PostAs(token, Guid.NewGuid().ToString(), new { entryId, name = "forged", tenantId = "county-a" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await OutboxRowsFor(entryId)).ShouldBe(0);
    }

    [Fact]
    public async Task The_tenant_is_the_partners_never_the_one_the_event_names()
    {
        var entryId = Guid.NewGuid();

        (await Post(Guid.NewGuid().ToString(), new Dictionary<string, object>
            {
                ["entryId"] = entryId, ["name"] = "cross-tenant attempt", ["tenantId"] = "county-victim", ["TenantId"] = "county-victim",
            }))
            .ShouldBe("SUCCESS");
        (await Post(Guid.NewGuid().ToString(), new { entryId = Guid.NewGuid(), name = "no tenant at all" })).ShouldBe("SUCCESS");

        await using var scope = services.Ledger.Services.CreateAsyncScope();
        var body = await scope.ServiceProvider.GetRequiredService<LedgerDb>().Set<OutboxMessage>().Where(m => m.Body.Contains(entryId.ToString()))
            .Select(m => m.Body).SingleAsync();
        body.ShouldContain(SampleHosts.PartnerTenant);
        body.ShouldNotContain("county-victim");
    }

    [Fact]
    public async Task Outside_development_a_subscription_without_a_token_is_not_served_at_all()
    {
        await using var ledger = await SampleHosts.StartLedgerAsync(services.Servers, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "production-test-signing-key-0123456789abcdef0123456789",
            ["Dapr:Partners:partner-entries:Tenant"] = SampleHosts.PartnerTenant,
        });

        var response = await ledger.GetTestClient().PostAsync("/dapr/events/partner-entries",
            CloudEvent(Guid.NewGuid().ToString(), new { entryId = Guid.NewGuid(), name = "x", tenantId = "county-a" }));
        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await ledger.GetTestClient().GetStringAsync("/dapr/subscribe")).ShouldNotContain("partner-entries");
    }

    [Fact]
    public async Task The_subscriptions_are_on_the_pubsub_component_the_settings_name()
    {
        // The chart renames its Component with dapr.pubsub.name and passes the name as Dapr:PubSubName: the sidecar delivers only
        // subscriptions on a component it loaded, so a name fixed in code would receive nothing after a rename.
        await using var ledger = await SampleHosts.StartLedgerAsync(services.Servers, settings: new Dictionary<string, string?>
        {
            ["Dapr:AppApiToken"] = SampleHosts.SidecarToken,
            ["Dapr:Partners:partner-entries:Tenant"] = SampleHosts.PartnerTenant,
            ["Dapr:PubSubName"] = "partners",
        });

        var subscriptions = JsonDocument.Parse(await ledger.GetTestClient().GetStringAsync("/dapr/subscribe")).RootElement.EnumerateArray();
        subscriptions.Single(s => s.GetProperty("topic").GetString() == "partner-entries").GetProperty("pubsubName").GetString().ShouldBe("partners");

        var request = new HttpRequestMessage(HttpMethod.Post, "/dapr/events/partner-entries")
        {
            Content = CloudEvent(Guid.NewGuid().ToString(), new { entryId = Guid.NewGuid(), name = "on the renamed component" }),
        };
        request.Headers.Add("dapr-api-token", SampleHosts.SidecarToken);
        var delivered = await ledger.GetTestClient().SendAsync(request);
        delivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await delivered.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("SUCCESS");
    }

    [Fact]
    public async Task A_malformed_partner_event_is_dropped_and_stores_nothing()
    {
        var entryId = Guid.NewGuid();

        using var dropped = new System.Diagnostics.Metrics.MeterListener();
        var counted = 0L;
        dropped.InstrumentPublished = (instrument, listener) => { if (instrument.Name == "orchestration.partner_events.dropped") listener.EnableMeasurementEvents(instrument); };
        dropped.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags) if (tag is { Key: "topic", Value: "partner-entries" }) Interlocked.Add(ref counted, value);
        });
        dropped.Start();

        (await Post(Guid.NewGuid().ToString(), new { entryId, name = "", tenantId = "county-dapr" })).ShouldBe("DROP");

        (await OutboxRowsFor(entryId)).ShouldBe(0);
        Interlocked.Read(ref counted).ShouldBeGreaterThanOrEqualTo(1); // nothing silent: the drop is counted (alerted on) as well as logged
    }
}
