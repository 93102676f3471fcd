using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestration.ServiceDefaults;
using Orchestration.ServiceDefaults.Health;
using Orchestration.ServiceDefaults.Messaging;

// Entry points live beside IHostApplicationBuilder so a Program.cs needs no extra usings.
namespace Microsoft.Extensions.Hosting;

/// <summary>Settings of the bus (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary><c>RabbitMq</c> (distributed mode) or <c>InMemory</c> (embedded mode).</summary>
    public string Transport { get; set; } = "RabbitMq";

    /// <summary>Prefix of this service's queue names; defaults to the service name.</summary>
    public string? EndpointPrefix { get; set; }

    /// <summary>In-process retries of a failing consumer before its message goes to the <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;

    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    public int PrefetchCount { get; set; } = 32;

    /// <summary>
    /// Messages each consumer endpoint handles at once. Each holds a database connection while it runs, so the pool is sized from
    /// it (<see cref="ConsumerConcurrency"/>): endpoints × this + headroom.
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 8;

    /// <summary>Quorum queues replicate across a RabbitMQ cluster; on by default for every consumer queue.</summary>
    public bool QuorumQueues { get; set; } = true;
}

/// <summary>How many messages the service's consumers may handle at once: its consumer endpoints times their concurrency limit.</summary>
public sealed record ConsumerConcurrency(int Endpoints, int PerEndpoint)
{
    /// <summary>Messages the consumers handle at once, each holding a database connection: <c>ConfigureEndpoints</c> gives every consumer an endpoint.</summary>
    public int Total => Endpoints * PerEndpoint;
}

public static class ServiceBus
{
    /// <summary>
    /// MassTransit over RabbitMQ (connection string <c>RabbitMq</c>) or its in-memory transport, with the consumers of
    /// <paramref name="consumerAssemblies"/> on durable (quorum) queues named after the service, exponential retry,
    /// publisher confirms and W3C trace propagation.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(this IHostApplicationBuilder builder, params Assembly[] consumerAssemblies) =>
        builder.AddServiceBus(consumerAssemblies, configure: null);

    public static IHostApplicationBuilder AddServiceBus(this IHostApplicationBuilder builder, Assembly[] consumerAssemblies,
        Action<IBusRegistrationConfigurator>? configure)
    {
        var options = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var prefix = options.EndpointPrefix ?? builder.Configuration[ServiceIdentity.NameKey] ?? builder.Environment.ApplicationName;

        // Counted once the container is built: the consumers of the assemblies and those the service adds itself.
        builder.Services.AddSingleton(services => new ConsumerConcurrency(services.GetServices<MassTransit.Configuration.IConsumerRegistration>().Count(), options.ConcurrentMessageLimit));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false));
            if (consumerAssemblies.Length > 0) bus.AddConsumers(consumerAssemblies); // none given would scan every loaded assembly
            configure?.Invoke(bus);
            // The bus is reported on /health/broker, Degraded at worst: a broker outage must not take the pods out of service.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "masstransit-bus";
                health.MinimalFailureStatus = HealthStatus.Degraded;
                health.Tags.Clear();
                health.Tags.Add(HealthEndpoints.BrokerTag);
            });

            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry => retry.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval,
                    TimeSpan.FromMilliseconds(200)));
                endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.PrefetchCount = options.PrefetchCount;
                    if (options.QuorumQueues) rabbit.SetQuorumQueue();
                }
            });

            if (string.Equals(options.Transport, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
            else
            {
                var uri = builder.Configuration.GetConnectionString("RabbitMq") ?? "amqp://guest:guest@localhost:5672/";
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(uri), host =>
                    {
                        host.PublisherConfirmation = true;
                        host.Heartbeat(TimeSpan.FromSeconds(10));
                    });
                    cfg.ConfigureEndpoints(context);
                });
                builder.Services.AddSingleton(new RabbitMqBrokerCheck(new Uri(uri)));
                builder.Services.AddHealthChecks().AddCheck<RabbitMqBrokerCheck>("rabbitmq", HealthStatus.Degraded, tags: [HealthEndpoints.BrokerTag]);
            }
        });

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
