using Orchestration.Testing;
using Xunit;

namespace Orchestration.Audit.Tests;

/// <summary>One audit service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class AuditHostFixture : IAsyncLifetime
{
    public ServersFixture Servers { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Host = new ServiceHost<Program>(Servers, "Audit");
        await Host.StartedAsync(); // migrations run, consumers bind their queues
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AuditCollection : ICollectionFixture<AuditHostFixture>
{
    public const string Name = "audit service";
}
