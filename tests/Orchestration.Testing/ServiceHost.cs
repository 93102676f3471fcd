using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

    /// <summary>
    /// Runs the host in a RabbitMQ virtual host of its own, for hosts that must not take other test projects' messages (a workflow
    /// server with the shipped procedures starts procedures from any service's facts).
    /// </summary>
    public bool OwnBroker { get; init; }

    VirtualHost? ownBroker;
    readonly Lock brokerLock = new();

    /// <summary>
    /// The AMQP address this host's bus uses: its own virtual host with <see cref="OwnBroker"/> (created on first use), else the
    /// shared test broker. Probes and stand-in services that talk to the host connect here.
    /// </summary>
    public string BrokerUri
    {
        get
        {
            if (!OwnBroker) return servers.RabbitMq.AmqpUri;
            lock (brokerLock) ownBroker ??= VirtualHost.CreateAsync(servers.RabbitMq.AmqpUri).GetAwaiter().GetResult(); // configuration is synchronous
            return ownBroker.AmqpUri;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting($"ConnectionStrings:{connectionName}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:RabbitMq", servers.RabbitMq.AmqpUri);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Messaging:Transport", "RabbitMq");
        builder.UseSetting("Messaging:EndpointPrefix", EndpointPrefix);
        // Every test host declares queues of its own; on one test broker classic queues are much lighter than quorum
        // queues (a Raft group each). The service-defaults tests keep the production default, quorum.
        builder.UseSetting("Messaging:QuorumQueues", "false");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        if (OwnBroker) builder.UseSetting("ConnectionStrings:RabbitMq", BrokerUri);
        Configure?.Invoke(builder);
    }

    IHost? started;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        started = host;
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        // MassTransit's bus cannot stop an endpoint that is still starting (a NullReferenceException in ReceiveEndpoint.Stop): a host
        // disposed right after it started first lets its bus finish starting, for at most five seconds.
        // Disposing twice (a test kills a host that is then restarted) must not reach for a disposed provider.
        if (Interlocked.Exchange(ref started, null)?.Services.GetService<MassTransit.IBusControl>() is { } bus)
        {
            try
            {
                await Eventually.True(() => Task.FromResult(bus.CheckHealth().Status == MassTransit.BusHealthStatus.Healthy), "the bus to finish starting",
                    TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                // A bus kept from its broker (a chaos test) is stopped as it is.
            }
        }
        await base.DisposeAsync();
        if (ownBroker is not null) await ownBroker.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A client that calls as a user of <paramref name="tenant"/> with <paramref name="roles"/>.</summary>
    public HttpClient CreateClientFor(string tenant, params string[] roles) => CreateClient().As(tenant, roles);

    /// <summary>A client that calls as the person <paramref name="subject"/> of <paramref name="tenant"/> with <paramref name="roles"/>.</summary>
    public HttpClient CreateClientAs(string subject, string tenant, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(subject, tenant, roles));
        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Starts the host and waits until its consumers' queues are bound, so nothing published next is missed.</summary>
    public async Task StartedAsync()
    {
        // Start off the test framework's synchronization context: the blocking start must not hold the thread the bus needs.
        await Task.Run(() => _ = Services);
        var bus = Services.GetRequiredService<MassTransit.IBusControl>();
        try
        {
            await Eventually.True(() => Task.FromResult(bus.CheckHealth().Status == MassTransit.BusHealthStatus.Healthy),
                $"the bus of {typeof(TProgram).Assembly.GetName().Name} to be healthy", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            var health = bus.CheckHealth();
            throw new TimeoutException($"The bus of {typeof(TProgram).Assembly.GetName().Name} stayed {health.Status}: {health.Description} " +
                                       string.Join("; ", health.Endpoints.Select(e => $"{e.Key}: {e.Value.Description}")));
        }
    }
}
