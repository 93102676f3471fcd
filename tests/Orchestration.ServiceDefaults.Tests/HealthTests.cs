using System.Net;
using Microsoft.AspNetCore.TestHost;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// Readiness is what the pod itself needs (its database); the broker is reported apart, as Degraded, and never takes a pod out of
/// its Service: the outbox holds the writes until it is back. A node of the test's own is stopped and started again.
/// </summary>
public sealed class HealthTests(ServersFixture servers) : IClassFixture<ServersFixture>
{
    [Fact]
    public async Task Ready_stays_healthy_while_the_broker_is_stopped_and_the_broker_endpoint_and_gauge_report_it_degraded()
    {
        await using var broker = await DedicatedRabbitMqNode.StartAsync();
        // A name of its own: other tests' hosts in this process report their brokers on the same meter.
        var service = $"ledger-health-{Guid.NewGuid():N}";
        await using var ledger = await SampleHosts.StartLedgerAsync(servers, amqpUri: broker.AmqpUri,
            settings: new Dictionary<string, string?> { [ServiceIdentity.NameKey] = service });
        var client = ledger.GetTestClient();
        async Task BrokerGaugeBecomes(int status, string what)
        {
            var lastSeen = "(none)";
            try
            {
                await Eventually.Get(async () =>
                {
                    var lines = (await client.GetStringAsync("/metrics")).Split('\n');
                    lastSeen = lines.FirstOrDefault(line => line.StartsWith("orchestration_health_status{", StringComparison.Ordinal)
                        && line.Contains("check=\"rabbitmq\"", StringComparison.Ordinal) && line.Contains($"service_name=\"{service}\"", StringComparison.Ordinal)) ?? "(none)";
                    return lastSeen.EndsWith($"}} {status}", StringComparison.Ordinal) ? lastSeen : null;
                }, what, TimeSpan.FromSeconds(120)); // the publisher runs every 15 s, a run waits for every check (at most 30 s)
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException($"{timeout.Message} Last seen: {lastSeen}", timeout);
            }
        }

        await StatusBecomes(client, "/health/broker", "\"status\":\"Healthy\"", "the broker healthy while it runs");
        var ready = await StatusBecomes(client, "/health/ready", "\"status\":\"Healthy\"", "ready with the broker up");
        ready.ShouldContain("\"name\":\"ledger-database\"");
        ready.ShouldNotContain("rabbitmq");
        ready.ShouldNotContain("masstransit");

        await broker.StopAsync();
        var down = await StatusBecomes(client, "/health/broker", "\"name\":\"rabbitmq\",\"status\":\"Degraded\"", "the broker Degraded while it is stopped");
        // Anonymous callers learn which check failed, not why: no exception text, no host names.
        down.ShouldNotContain("\"error\"");
        down.ShouldNotContain("does not answer");
        down.ShouldNotContain("localhost");
        down.ShouldNotContain("127.0.0.1");
        var readyWithoutBroker = await client.GetAsync("/health/ready");
        readyWithoutBroker.StatusCode.ShouldBe(HttpStatusCode.OK, "a broker outage must not take the pod out of its Service");
        (await readyWithoutBroker.Content.ReadAsStringAsync()).ShouldContain("\"status\":\"Healthy\"");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK); // liveness never follows a dependency
        // What the BrokerDown alert reads: the health publisher's last result of the broker check, 1 = Degraded.
        await BrokerGaugeBecomes(1, "the broker gauge at Degraded");

        await broker.StartAgainAsync();
        await StatusBecomes(client, "/health/broker", "\"status\":\"Healthy\"", "the broker healthy again after it restarted", TimeSpan.FromSeconds(90));
        await BrokerGaugeBecomes(2, "the broker gauge healthy again");
    }

    [Fact]
    public async Task A_host_whose_broker_port_never_answers_is_ready_and_its_broker_is_degraded()
    {
        var port = LoopbackPorts.Closed();
        await using var ledger = await SampleHosts.StartLedgerAsync(servers, amqpUri: $"amqp://guest:guest@127.0.0.1:{port}/");
        var client = ledger.GetTestClient();

        var ready = await StatusBecomes(client, "/health/ready", "\"status\":\"Healthy\"", "ready on its database alone");
        ready.ShouldContain("\"name\":\"ledger-database\",\"status\":\"Healthy\"");
        var broker = await StatusBecomes(client, "/health/broker", "\"name\":\"rabbitmq\",\"status\":\"Degraded\"", "the broker Degraded");
        broker.ShouldContain("\"status\":\"Degraded\"");
        (await client.GetAsync("/health/broker")).StatusCode.ShouldBe(HttpStatusCode.OK, "Degraded is a state to alert on, not a failed probe");
    }


    static async Task<string> StatusBecomes(HttpClient client, string path, string contains, string what, TimeSpan? timeout = null) =>
        await Eventually.Get(async () =>
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && body.Contains(contains, StringComparison.Ordinal) ? body : null;
        }, what, timeout ?? TimeSpan.FromSeconds(60));
}
