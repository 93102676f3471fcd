using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Xunit;

namespace Orchestration.Testing;

/// <summary>
/// Integration tests run against a real PostgreSQL and RabbitMQ: the servers named by <c>POSTGRES_CONNECTION</c> and
/// <c>RABBITMQ_URL</c> (what <c>.ci/run</c> starts), else containers when a Docker engine answers. With neither the
/// fixture fails with instructions: a missing server must never turn into a green run that tested nothing.
/// </summary>
public static class TestServers
{
    static readonly Lazy<bool> Docker = new(() =>
    {
        try { return TestcontainersSettings.OS.DockerEndpointAuthConfig is not null; }
        catch { return false; }
    });

    public static bool DockerAvailable => Docker.Value;

    internal const string HowToStart =
        "Start the test servers with `KEEP_SERVERS=1 source .ci/servers.sh` (installs and starts RabbitMQ and PostgreSQL, " +
        "exports RABBITMQ_URL and POSTGRES_CONNECTION) or make a Docker engine reachable.";
}

/// <summary>A PostgreSQL server; each test class takes databases of its own from it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    PostgreSqlContainer? container;

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("POSTGRES_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
        }
        else if (TestServers.DockerAvailable)
        {
            container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            ConnectionString = container.GetConnectionString();
        }
        else
        {
            throw new InvalidOperationException("No PostgreSQL: POSTGRES_CONNECTION is not set and no Docker engine answers. " + TestServers.HowToStart);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(); // fail here, clearly, rather than in every test
    }

    /// <summary>A connection string to a database no other test uses (created by the service's migrations on start).</summary>
    public string NewDatabase(string prefix) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)].ToLowerInvariant() }
            .ConnectionString;

    public async Task DisposeAsync()
    {
        if (container is not null) await container.DisposeAsync();
    }
}

/// <summary>A RabbitMQ broker shared by the test run; tests keep apart through unique queue names and ids.</summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    RabbitMqContainer? container;

    public string AmqpUri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("RABBITMQ_URL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            AmqpUri = configured;
            return;
        }

        if (!TestServers.DockerAvailable)
            throw new InvalidOperationException("No RabbitMQ: RABBITMQ_URL is not set and no Docker engine answers. " + TestServers.HowToStart);
        container = new RabbitMqBuilder("rabbitmq:3.13-management-alpine").Build();
        await container.StartAsync();
        AmqpUri = container.GetConnectionString();
    }

    public async Task DisposeAsync()
    {
        if (container is not null) await container.DisposeAsync();
    }
}

/// <summary>Both servers, for test classes that need the database and the bus.</summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public PostgresFixture Postgres { get; } = new();

    public RabbitMqFixture RabbitMq { get; } = new();

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await RabbitMq.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await RabbitMq.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
