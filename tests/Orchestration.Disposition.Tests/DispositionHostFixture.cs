using Orchestration.Testing;
using Xunit;

namespace Orchestration.Disposition.Tests;

/// <summary>One disposition service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class DispositionHostFixture : IAsyncLifetime
{
    public ServersFixture Servers { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Host = new ServiceHost<Program>(Servers, "Disposition");
        await Host.StartedAsync(); // migrations run, consumers bind their queues
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DispositionCollection : ICollectionFixture<DispositionHostFixture>
{
    public const string Name = "disposition service";
}
