using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Settings that must not silently do nothing in production: calendar procedures without the tenants they start for, and a
/// schema the migration job was meant to bring up to date.
/// </summary>
public sealed class StartupSettingsTests(ServersFixture servers) : IClassFixture<ServersFixture>
{
    static readonly string ShippedDefinitions = Path.Combine(FindRepository(), "workflows");
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 12, 20, 8, 0, 0, TimeSpan.Zero));

    static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Orchestration.sln"))) return directory.FullName;
        throw new InvalidOperationException("No repository above the test binaries.");
    }

    RuntimeHost Host(string database, string environment, string[] tenants, string definitions, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["environment"] = environment,
            ["Auth:SigningKey"] = "startup-settings-test-signing-key-0123456789abcdef0123",
            ["Workflows:DefinitionsDirectory"] = definitions,
        };
        foreach (var (key, value) in settings) all[key] = value;
        return new RuntimeHost(servers, database, clock, overRabbitMq: false) { CalendarTenants = tenants, Settings = all };
    }

    /// <summary>The start's failure, with the messages of the exceptions inside it.</summary>
    static string StartFailure(RuntimeHost host)
    {
        var failure = Should.Throw<Exception>(() => _ = host.Server);
        var messages = new List<string>();
        for (Exception? e = failure; e is not null; e = e.InnerException) messages.Add(e.Message);
        return string.Join(" | ", messages);
    }

    [Fact]
    public async Task In_production_calendar_procedures_without_trigger_tenants_stop_the_start_naming_them()
    {
        // audit-year and village-pay-year fall due at 00:00 China time on 1 January; with no tenant they would start nothing and
        // their year's occurrence would be spent.
        await using var host = Host(servers.Postgres.NewDatabase("workflows"), "Production", [], ShippedDefinitions);

        var failure = StartFailure(host);

        failure.ShouldContain("Workflows:TriggerTenants is empty");
        failure.ShouldContain("audit-year");
        failure.ShouldContain("village-pay-year");
    }

    [Fact]
    public async Task In_production_calendar_procedures_with_their_tenants_start()
    {
        await using var host = Host(servers.Postgres.NewDatabase("workflows"), "Production", ["county-zz"], ShippedDefinitions);

        _ = host.Server;

        (await host.Triggers("audit-year")).ShouldHaveSingleItem().DueAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task In_production_without_calendar_procedures_no_tenants_are_needed()
    {
        await using var host = Host(servers.Postgres.NewDatabase("workflows"), "Production", [], Path.Combine(Path.GetTempPath(), "no-workflows-here"));

        _ = host.Server;

        (await host.Triggers("audit-year")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Outside_production_missing_tenants_only_warn()
    {
        await using var host = Host(servers.Postgres.NewDatabase("workflows"), "Development", [], ShippedDefinitions);

        _ = host.Server;

        (await host.Triggers("village-pay-year")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task With_migrations_left_to_the_job_a_server_on_an_unmigrated_database_refuses_to_start_and_changes_no_schema()
    {
        var database = servers.Postgres.NewDatabase("workflows");
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await using (var maintenance = new NpgsqlConnection(servers.Postgres.ConnectionString))
        {
            await maintenance.OpenAsync();
            await new NpgsqlCommand($"""CREATE DATABASE "{name}" """, maintenance).ExecuteNonQueryAsync();
        }
        await using var host = Host(database, "Production", ["county-zz"], ShippedDefinitions, ("Database:MigrateOnStartup", "false"));

        var failure = StartFailure(host);

        failure.ShouldContain("lacks");
        failure.ShouldContain("run the migration job first");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var tables = (long)(await new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection).ExecuteScalarAsync())!;
        tables.ShouldBe(0, "a runtime role without DDL rights must never need them");
    }

    [Fact]
    public async Task With_migrations_left_to_the_job_a_server_on_a_migrated_database_starts()
    {
        var database = servers.Postgres.NewDatabase("workflows");
        await using (var migrated = Host(database, "Production", ["county-zz"], ShippedDefinitions))
            _ = migrated.Server; // migrates at start, as the job does
        await using var host = Host(database, "Production", ["county-zz"], ShippedDefinitions, ("Database:MigrateOnStartup", "false"));

        _ = host.Server;

        (await host.Triggers("audit-year")).ShouldHaveSingleItem();
    }
}
