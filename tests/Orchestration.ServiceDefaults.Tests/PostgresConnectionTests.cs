using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Tests.Sample;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// The connection string as operators give it: a CloudNativePG secret's <c>postgresql://</c> URI, a pool sized for the consumers'
/// concurrency, and a PgBouncer-compatible mode.
/// </summary>
public sealed class PostgresConnectionTests(ServersFixture servers) : IClassFixture<ServersFixture>
{
    [Fact]
    public void A_postgresql_uri_is_read_with_its_percent_encoded_password_and_libpq_parameters()
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize(
            "postgresql://app:p%40ss%3Aw0rd@pg-rw.county.svc:5433/nomination?sslmode=require&application_name=nomination&connect_timeout=7",
            concurrentConsumers: 0, pgBouncer: false));

        (normalized.Host, normalized.Port, normalized.Username, normalized.Password, normalized.Database)
            .ShouldBe(("pg-rw.county.svc", 5433, "app", "p@ss:w0rd", "nomination"));
        (normalized.SslMode, normalized.ApplicationName, normalized.Timeout).ShouldBe((SslMode.Require, "nomination", 7));
    }

    [Theory]
    [InlineData(0, 100)]    // never below Npgsql's default
    [InlineData(80, 100)]   // 80 + 20 headroom
    [InlineData(81, 101)]
    [InlineData(120, 140)]
    public void The_pool_holds_a_connection_for_every_message_the_consumers_handle_at_once_plus_headroom(int consumers, int pool) =>
        new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("Host=db;Database=x", consumers, pgBouncer: false)).MaxPoolSize.ShouldBe(pool);

    [Fact]
    public void A_uri_converted_at_start_is_still_sized_from_the_consumers()
    {
        var keywords = PostgresConnection.ToKeywords("postgresql://u:p@db:5432/x");

        new NpgsqlConnectionStringBuilder(keywords).ConnectionString.ShouldNotContain("Maximum Pool Size");
        new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize(keywords, 120, false)).MaxPoolSize.ShouldBe(140);
    }

    [Fact]
    public void A_pool_size_the_operator_gives_is_kept()
    {
        new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("Host=db;Database=x;Maximum Pool Size=30", 500, false)).MaxPoolSize.ShouldBe(30);
        new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("postgresql://u@db/x?maximum_pool_size=30", 500, false)).MaxPoolSize.ShouldBe(30);
    }

    [Fact]
    public void Behind_PgBouncer_statements_are_not_prepared_and_no_connection_is_reset_unless_the_operator_says()
    {
        var bouncer = new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("Host=bouncer;Database=x", 0, pgBouncer: true));
        var direct = new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("Host=db;Database=x", 0, pgBouncer: false));

        (bouncer.MaxAutoPrepare, bouncer.NoResetOnClose).ShouldBe((0, true));
        direct.NoResetOnClose.ShouldBeTrue("no service keeps session state, so the reset would be seven statements per unit of work for nothing");
        new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("Host=db;Database=x;No Reset On Close=false", 0, pgBouncer: false)).NoResetOnClose
            .ShouldBeFalse("the operator's setting is kept");
        direct.MaxAutoPrepare.ShouldBe(50, "a direct connection prepares the statements it runs again and again");
        new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("Host=db;Database=x;Max Auto Prepare=5", 0, pgBouncer: false)).MaxAutoPrepare
            .ShouldBe(5, "the operator's setting is kept");
    }

    [Fact]
    public void An_unknown_uri_parameter_is_refused_at_start_naming_it() =>
        Should.Throw<ArgumentException>(() => PostgresConnection.Normalize("postgresql://u@db/x?no_such_option=1", 0, false)).Message.ShouldContain("no such option");

    [Fact]
    public async Task A_service_given_a_postgresql_uri_migrates_and_stores_through_it_with_its_pool_sized_from_its_consumers()
    {
        var keywords = new NpgsqlConnectionStringBuilder(servers.Postgres.NewDatabase("ledger_uri"));
        var uri = $"postgresql://{Uri.EscapeDataString(keywords.Username!)}:{Uri.EscapeDataString(keywords.Password ?? "")}@{keywords.Host}:{keywords.Port}/{keywords.Database}";
        await using var ledger = await SampleHosts.StartLedgerAsync(servers, settings: new Dictionary<string, string?> { ["ConnectionStrings:Ledger"] = uri });
        var client = ledger.GetTestClient().As("county-uri", Roles.OrganizationDepartment);

        (await client.PostAsJsonAsync("/api/ledger/entries", new RecordEntry("via uri"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using var scope = ledger.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDb>();
        (await db.Entries.CountAsync(e => e.Name == "via uri")).ShouldBe(1);
        new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database.ShouldBe(keywords.Database);
    }

    [Fact]
    public async Task A_service_with_consumers_sizes_its_pool_from_their_endpoints_and_concurrency()
    {
        await using var listener = await SampleHosts.StartListenerAsync(servers, settings: new Dictionary<string, string?> { ["Messaging:ConcurrentMessageLimit"] = "120" });

        var concurrency = listener.Services.GetRequiredService<Microsoft.Extensions.Hosting.ConsumerConcurrency>();
        concurrency.Endpoints.ShouldBe(1); // the listener's one consumer
        await using var scope = listener.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ListenerDb>();
        new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxPoolSize.ShouldBe(120 + PostgresConnection.Headroom);
    }

    [Fact]
    public async Task A_request_that_finds_no_free_connection_is_answered_503_with_retry_after_and_stores_nothing()
    {
        var small = new NpgsqlConnectionStringBuilder(servers.Postgres.NewDatabase("ledger_busy")) { MaxPoolSize = 4, Timeout = 1 }.ConnectionString;
        await using var ledger = await SampleHosts.StartLedgerAsync(servers, settings: new Dictionary<string, string?> { ["ConnectionStrings:Ledger"] = small });
        var client = ledger.GetTestClient().As("county-busy", Roles.OrganizationDepartment);

        // Every connection of the pool is taken (the outbox's delivery loop may hold one of them meanwhile).
        var held = new List<AsyncServiceScope>();
        try
        {
            while (true)
            {
                var scope = ledger.Services.CreateAsyncScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<LedgerDb>().Database.OpenConnectionAsync();
                    held.Add(scope);
                }
                catch (Exception opening) when (opening is NpgsqlException or InvalidOperationException { InnerException: NpgsqlException })
                {
                    await scope.DisposeAsync();
                    break;
                }
                held.Count.ShouldBeLessThanOrEqualTo(4);
            }

            var busy = await client.PostAsJsonAsync("/api/ledger/entries", new RecordEntry("while busy"));

            busy.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await busy.Content.ReadAsStringAsync());
            busy.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            busy.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        finally
        {
            foreach (var scope in held) await scope.DisposeAsync();
        }

        (await client.PostAsJsonAsync("/api/ledger/entries", new RecordEntry("once free"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var check = ledger.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<LedgerDb>();
        (await db.Entries.CountAsync(e => e.Name == "while busy")).ShouldBe(0);
        (await db.Entries.CountAsync(e => e.Name == "once free")).ShouldBe(1);
    }
}
