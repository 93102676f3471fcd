using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestration.Testing;

/// <summary>
/// A service's real Program in-process, pointed at the real servers: its own fresh database, the shared broker
/// with queue names of its own, the Development environment (so test tokens are accepted).
/// </summary>
public class ServiceHost<TProgram>(ServersFixture servers, string connectionName, string? databasePrefix = null)
    : WebApplicationFactory<TProgram> where TProgram : class
{
    /// <summary>The database this host uses, so tests can look behind the API.</summary>
    public string DatabaseConnectionString { get; } = servers.Postgres.NewDatabase(databasePrefix ?? connectionName.ToLowerInvariant());

    /// <summary>Unique per host, so two test classes never compete for one queue.</summary>
    public string EndpointPrefix { get; } = $"test-{connectionName.ToLowerInvariant()}-{Guid.NewGuid():N}"[..40];

    /// <summary>Extra configuration or service replacements (a fake clock, say).</summary>
    public Action<IWebHostBuilder>? Configure { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting($"ConnectionStrings:{connectionName}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:RabbitMq", servers.RabbitMq.AmqpUri);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Messaging:Transport", "RabbitMq");
        builder.UseSetting("Messaging:EndpointPrefix", EndpointPrefix);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        Configure?.Invoke(builder);
    }

    /// <summary>A client that calls as a user of <paramref name="tenant"/> with <paramref name="roles"/>.</summary>
    public HttpClient CreateClientFor(string tenant, params string[] roles) => CreateClient().As(tenant, roles);

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
