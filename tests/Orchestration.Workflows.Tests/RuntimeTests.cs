using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// A runtime on a database of its own (PostgreSQL) whose WriteLines are captured per instance, with the Elsa JSON the activity tests
/// write: JavaScript inputs, WriteLine, a Sequence root, and raising an event for one instance.
/// </summary>
public abstract class RuntimeTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    protected const string Tenant = "county-test";

    /// <summary>The real PostgreSQL and RabbitMQ the host runs on.</summary>
    protected ServersFixture Servers => servers;

    protected CapturedLog Log { get; } = new();

    protected RuntimeHost Host { get; private set; } = null!;

    /// <summary>Settings of the host (<c>Workflows:…</c>) for the tests of the class.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual Task InitializeAsync()
    {
        Host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)), overRabbitMq: false)
        {
            MoreServices = services => services.AddSingleton<ILoggerProvider>(Log),
        };
        foreach (var (name, value) in Settings) Host.Settings[name] = value;
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    protected static string Text(string value) => JsonValue.Create(value).ToJsonString();

    protected static string Js(string code) => $$"""{ "typeName": "Object", "expression": { "type": "JavaScript", "value": {{Text(code)}} } }""";

    protected static string Say(string id, string code) => $$"""{ "id": "{{id}}", "type": "Elsa.WriteLine", "text": {{Js(code)}} }""";

    protected static string Sequence(string id, params string[] activities) =>
        $$"""{ "id": "{{id}}", "type": "Elsa.Sequence", "activities": [ {{string.Join(",", activities)}} ] }""";

    /// <summary>A definition whose root is a Sequence of <paramref name="activities"/>.</summary>
    protected static JsonObject SequenceDefinition(string definitionId, params string[] activities) => JsonNode.Parse($$"""
        { "definitionId": "{{definitionId}}", "name": "{{definitionId}}", "root": {{Sequence("seq", activities)}} }
        """)!.AsObject();

    /// <summary>Raises <paramref name="eventName"/> for the instance (its id the correlation key): it resumes exactly one wait.</summary>
    protected Task Raise(Guid instanceId, string eventName) => Host.InScope(async services =>
    {
        var resumed = await services.GetRequiredService<WorkflowRuntime>().RaiseEventAsync(Tenant, eventName, instanceId.ToString(), null, "test", CancellationToken.None);
        await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
        resumed.ShouldBe(1, $"{eventName} resumes one wait");
        return resumed;
    });
}
