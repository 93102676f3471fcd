using System.Diagnostics;
using Npgsql;
using Orchestration.Deployment.Tests.Support;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Containers;

/// <summary>
/// The chart's pre-install/pre-upgrade job runs each image with <c>--migrate-only</c>: the process must migrate its database
/// and exit 0 without starting the service, or <c>helm install</c> fails.
/// </summary>
public sealed class MigrationJobTests(ServersFixture servers) : IClassFixture<ServersFixture>
{
    public static TheoryData<string> Services => [.. DeployedService.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Migrate_only_brings_the_database_up_to_date_and_exits_zero(string name)
    {
        var service = DeployedService.Named(name);
        var database = servers.Postgres.NewDatabase("migrate");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // …/bin/<Configuration>/net10.0
        var assembly = Repo.Path("services", service.Project, "bin", configuration, "net10.0", $"{service.Project}.dll");
        File.Exists(assembly).ShouldBeTrue($"{assembly} is built with this test project");

        var start = new ProcessStartInfo("dotnet", [assembly, "--migrate-only"])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                [$"ConnectionStrings__{service.Database}"] = database,
                ["ConnectionStrings__RabbitMq"] = "amqp://nobody:nothing@127.0.0.1:1/", // a job never reaches the broker
                ["Auth__SigningKey"] = new string('k', 64),
                ["Workflows__DefinitionsDirectory"] = Repo.Path("workflows"),
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(0, $"{await output}\n{await errors}");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var applied = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" """, connection);
        ((long)(await applied.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
    }
}
