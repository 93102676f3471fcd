using System.Net;
using Microsoft.AspNetCore.TestHost;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>Readiness follows the broker: a node of the test's own is stopped and started again.</summary>
public sealed class HealthTests(ServersFixture servers) : IClassFixture<ServersFixture>
{
    [Fact]
    public async Task Ready_reports_unhealthy_while_the_broker_is_stopped_and_healthy_after_it_restarts()
    {
        await using var broker = await DedicatedRabbitMqNode.StartAsync();
        await using var ledger = await SampleHosts.StartLedgerAsync(servers, amqpUri: broker.AmqpUri);
        var client = ledger.GetTestClient();

        await StatusBecomes(client, HttpStatusCode.OK, "ready with the broker up");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await broker.StopAsync();
        var down = await StatusBecomes(client, HttpStatusCode.ServiceUnavailable, "not ready with the broker stopped");
        down.ShouldContain("\"name\":\"rabbitmq\",\"status\":\"Unhealthy\"");
        // Anonymous callers learn which check failed, not why: no exception text, no host names.
        down.ShouldNotContain("\"error\"");
        down.ShouldNotContain("does not answer");
        down.ShouldNotContain("localhost");
        down.ShouldNotContain("127.0.0.1");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK); // liveness never follows a dependency

        await broker.StartAgainAsync();
        await StatusBecomes(client, HttpStatusCode.OK, "ready again after the broker restarted", TimeSpan.FromSeconds(90));
    }

    static async Task<string> StatusBecomes(HttpClient client, HttpStatusCode status, string what, TimeSpan? timeout = null) =>
        await Eventually.Get(async () =>
        {
            var response = await client.GetAsync("/health/ready");
            return response.StatusCode == status ? await response.Content.ReadAsStringAsync() : null;
        }, what, timeout ?? TimeSpan.FromSeconds(60));
}
