using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Orchestration.ServiceDefaults.Health;

/// <summary>
/// Whether the broker answers. MassTransit's own check looks at receive endpoints only, so a service that only
/// publishes would look healthy through a broker outage; this keeps one recovering connection and reports it, with the
/// registration's failure status (Degraded on <c>/health/broker</c>: the outbox holds writes meanwhile).
/// </summary>
internal sealed class RabbitMqBrokerCheck(Uri broker) : IHealthCheck, IAsyncDisposable
{
    readonly SemaphoreSlim gate = new(1, 1);
    IConnection? connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (connection is null)
            {
                var factory = new ConnectionFactory
                {
                    Uri = broker,
                    AutomaticRecoveryEnabled = true,
                    NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
                    RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                    ClientProvidedName = "health-check",
                };
                connection = await factory.CreateConnectionAsync(cancellationToken);
            }

            return connection.IsOpen
                ? HealthCheckResult.Healthy($"{broker.Host}:{broker.Port}")
                : new HealthCheckResult(context.Registration.FailureStatus, $"The connection to {broker.Host}:{broker.Port} is closed: {connection.CloseReason?.ReplyText}");
        }
        catch (Exception ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{broker.Host}:{broker.Port} does not answer", ex);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
    }
}
