using Orchestration.Testing;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>One nomination service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class NominationHostFixture : IAsyncLifetime
{
    public ServersFixture Servers { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Host = new ServiceHost<Program>(Servers, "Nomination");
        await Host.StartedAsync(); // migrations run, consumers bind their queues
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class NominationCollection : ICollectionFixture<NominationHostFixture>
{
    public const string Name = "nomination service";
}
