using Orchestration.Testing;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>One village-pay service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class VillagePayHostFixture : IAsyncLifetime
{
    public ServersFixture Servers { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Host = new ServiceHost<Program>(Servers, "VillagePay");
        await Host.StartedAsync(); // migrations run, consumers bind their queues
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class VillagePayCollection : ICollectionFixture<VillagePayHostFixture>
{
    public const string Name = "village-pay service";
}
