using Xunit;

namespace Orchestration.Testing;

/// <summary>
/// One service host for a whole test project, on the real PostgreSQL and RabbitMQ. A test project derives a fixture per
/// service (<c>public sealed class AuditHostFixture() : ServiceHostFixture&lt;Program&gt;("Audit");</c>) and shares it through
/// an xunit collection, so only one host consumes that service's commands during the run.
/// </summary>
public abstract class ServiceHostFixture<TProgram>(string connectionName) : IAsyncLifetime where TProgram : class
{
    public ServersFixture Servers { get; } = new();

    public ServiceHost<TProgram> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Host = new ServiceHost<TProgram>(Servers, connectionName);
        await Host.StartedAsync(); // migrations run, consumers bind their queues
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Servers.DisposeAsync();
    }
}
