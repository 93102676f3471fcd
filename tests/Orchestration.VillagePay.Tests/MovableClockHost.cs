using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>
/// The system clock moved forward by the test: "now" jumps, while timers (the outbox's polling) keep running in real time,
/// so nothing waits on a timer that a frozen clock would never fire.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;
}

/// <summary>
/// A village-pay host of its own whose clock the tests move, on its own database. Its bus is in-memory, so it never takes the
/// commands meant for the shared host on RabbitMQ.
/// </summary>
public sealed class MovableClockHost : IAsyncLifetime
{
    public ServersFixture Servers { get; } = new();

    public MovableClock Clock { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    /// <summary>A clerk of Xin township whose token stays valid while the clock moves a few weeks.</summary>
    public HttpClient Client(string tenant) =>
        Host.CreateClient().WithToken(DevelopmentTokens.Issue($"user-of-{tenant}", tenant, [Roles.Township], lifetime: TimeSpan.FromDays(60), township: "Xin township"));

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Host = new ServiceHost<Program>(Servers, "VillagePay", "village_pay_clock")
        {
            Configure = builder =>
            {
                builder.UseSetting("Messaging:Transport", "InMemory");
                builder.UseSetting("Auth:MaxTokenLifetime", "61.00:00:00"); // the callers' tokens outlive the clock's moves
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
            },
        };
        await Host.StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

internal static class TokenClient
{
    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
