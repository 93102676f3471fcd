using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Orchestration.Testing;

/// <summary>
/// A host's <see cref="TimeProvider"/> that a test sets: <see cref="Set"/> installs a new <see cref="FakeTimeProvider"/> at an instant
/// and returns it, and the test moves it from there (<c>SetUtcNow</c>, <c>Advance</c>) instead of sleeping. Every reader of the
/// host's time, the county clock first, follows the fake clock installed last. A <see cref="FakeTimeProvider"/> never goes back in
/// time; a new one per test lets the tests of one host start on any date, in any order.
/// </summary>
public sealed class SettableClock : TimeProvider
{
    FakeTimeProvider current = new(System.GetUtcNow());

    /// <summary>The fake clock the host reads now.</summary>
    public FakeTimeProvider Current => current;

    /// <summary>Puts the host's clock at <paramref name="utcNow"/> (stopped until the test moves it) and returns it.</summary>
    public FakeTimeProvider Set(DateTimeOffset utcNow) => current = new FakeTimeProvider(utcNow.ToUniversalTime());

    public override DateTimeOffset GetUtcNow() => current.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => current.LocalTimeZone;

    public override long TimestampFrequency => current.TimestampFrequency;

    public override long GetTimestamp() => current.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        current.CreateTimer(callback, state, dueTime, period);
}

/// <summary>
/// One service host whose clock the tests set (<see cref="Clock"/>, registered as the host's <see cref="TimeProvider"/>, so the
/// county clock sees it), on the real PostgreSQL and RabbitMQ: a database of its own and a RabbitMQ virtual host of its own, so
/// it never takes the commands meant for the project's shared host, which keeps the system clock.
/// </summary>
public abstract class CountyClockHostFixture<TProgram>(string connectionName, string databasePrefix) : IAsyncLifetime where TProgram : class
{
    public ServersFixture Servers { get; } = new();

    public SettableClock Clock { get; } = new();

    public ServiceHost<TProgram> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Host = new ServiceHost<TProgram>(Servers, connectionName, databasePrefix)
        {
            OwnBroker = true,
            Configure = builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock)),
        };
        await Host.StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Servers.DisposeAsync();
    }
}
