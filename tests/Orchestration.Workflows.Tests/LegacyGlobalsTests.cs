using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Testing;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Scripts of earlier releases read the globals <c>input</c> and <c>lastResult</c>, which Elsa does not have: they fault unless
/// <c>Workflows:LegacyExpressionGlobals</c> is set, and the server names the versions that read them when it starts.
/// </summary>
public sealed class LegacyGlobalsTests(ServersFixture servers) : IClassFixture<ServersFixture>
{
    static readonly System.Text.Json.Nodes.JsonObject Legacy = Flowchart("legacy-input",
        [
            Activity("add", "Elsa.SetVariable").With("variable", new() { ["name"] = "Sum" }).With("value", JavaScript("input.a + 1")),
            Activity("end", "Elsa.End"),
        ],
        [("add", "Done", "end")],
        ("Sum", "Int32", "0"));

    RuntimeHost Host(string database, bool legacy, CapturedLog? log = null) =>
        new(servers, database, new FakeTimeProvider(DateTimeOffset.UtcNow), overRabbitMq: false)
        {
            Settings = { ["Workflows:LegacyExpressionGlobals"] = legacy ? "true" : "false" },
            MoreServices = log is null ? null : services => services.AddSingleton<ILoggerProvider>(log),
        };

    [Fact]
    public async Task A_script_reading_the_global_input_faults_by_default_and_runs_with_the_legacy_option()
    {
        var database = servers.Postgres.NewDatabase("workflows");
        await using (var elsaOnly = Host(database, legacy: false))
        {
            await elsaOnly.Publish(Legacy);
            var faulted = await elsaOnly.Start("legacy-input", new() { ["a"] = 2 });
            (await elsaOnly.Instance(faulted.Id)).Status.ShouldBe(WorkflowStatus.Faulted);
        }

        await using var legacy = Host(database, legacy: true);
        var instance = await legacy.Start("legacy-input", new() { ["a"] = 2 });
        var finished = await legacy.Instance(instance.Id);
        finished.Status.ShouldBe(WorkflowStatus.Finished);
        InstanceState.FromJson(finished.StateJson).Variables["Sum"]!.GetValue<double>().ShouldBe(3);
    }

    [Fact]
    public async Task The_server_names_at_start_the_versions_whose_scripts_read_the_legacy_globals_unless_the_option_is_set()
    {
        var database = servers.Postgres.NewDatabase("workflows");
        await using (var first = Host(database, legacy: false))
            await first.Publish(Legacy);

        var withOption = new CapturedLog();
        await using (var legacy = Host(database, legacy: true, withOption))
            await legacy.StartedAsync();
        withOption.Entries.ShouldNotContain(e => e.Level == LogLevel.Warning && e.Message.Contains("legacy-input"));

        var log = new CapturedLog();
        await using var restarted = Host(database, legacy: false, log);
        await restarted.StartedAsync();
        log.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("legacy-input-v1") && e.Message.Contains("LegacyExpressionGlobals"));
    }
}
