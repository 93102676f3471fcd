using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Elsa's HTTP Request activities against a real local HTTP server answering 200, 404 and 500: the flow version continues on the
/// expected status code's port or on "Unmatched status code", "Failed to connect" and "Timeout"; the version with cases runs the
/// matching case's activity; both call only hosts the county allows.
/// </summary>
public sealed class HttpRequestTests(ServersFixture servers) : RuntimeTests(servers)
{
    WebApplication remote = null!;
    string url = "";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Workflows:HttpAllowedHosts:county-test:0"] = "127.0.0.1",
        ["Workflows:HttpRequestTimeout"] = "00:00:02",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        remote = builder.Build();
        remote.MapGet("/ok", () => Results.Json(new { status = "filed" }));
        remote.MapGet("/missing", () => Results.NotFound());
        remote.MapGet("/broken", () => Results.StatusCode(500));
        // Whether the instance that called is committed and free to lock while its request is in flight.
        remote.MapGet("/held", async (Guid instance) =>
        {
            var database = await Host.InScope(services => Task.FromResult(services.GetRequiredService<WorkflowDbContext>().Database.GetDbConnection().Database));
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Servers.Postgres.ConnectionString) { Database = database }.ConnectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("""SELECT 1 FROM workflow_instances WHERE "Id" = @id FOR UPDATE NOWAIT""", connection, transaction);
            command.Parameters.AddWithValue("id", instance);
            try
            {
                return Results.Json(new { instance = await command.ExecuteScalarAsync() is null ? "unseen" : "free" });
            }
            catch (PostgresException locked) when (locked.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                return Results.Json(new { instance = "locked" });
            }
        });
        remote.MapGet("/slow", async (HttpContext http) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted);
            return Results.Ok();
        });
        await remote.StartAsync();
        url = remote.Urls.Single();
    }

    public override async Task DisposeAsync()
    {
        await remote.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>An address on this machine where nothing listens.</summary>
    static string Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/ok";
    }

    static JsonObject Codes(string json) => new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = json } };

    async Task<List<string>> Run(string definitionId, string target, string tenant = "county-test", WorkflowStatus status = WorkflowStatus.Finished)
    {
        var instance = await Host.Start(definitionId, new JsonObject { ["url"] = target }, tenant);
        await Host.StatusBecomes(instance.Id, status);
        return Log.WrittenBy(instance.Id);
    }

    [Fact]
    public async Task The_flow_HTTP_Request_continues_on_the_expected_code_else_Unmatched_status_code_Failed_to_connect_or_Timeout()
    {
        static JsonObject Line(string id, string code) => Activity(id, "Elsa.WriteLine").With("text", JavaScript(code));
        await Host.Publish(Flowchart("http-ports",
            [
                Activity("call", "Elsa.FlowSendHttpRequest").With("url", JavaScript("getInput('url')")).With("expectedStatusCodes", Codes("[200, 404]")),
                Line("found", "'found ' + getParsedContentFromCall().status"), Line("missing", "'missing ' + getStatusCodeFromCall()"),
                Line("other", "'unmatched ' + getStatusCodeFromCall()"), Line("down", "'failed to connect'"), Line("slow", "'timed out'"),
            ],
            [("call", "200", "found"), ("call", "404", "missing"), ("call", "Unmatched status code", "other"), ("call", "Failed to connect", "down"), ("call", "Timeout", "slow")]));
        await Host.Publish(Flowchart("http-any",
            [Activity("call", "Elsa.FlowSendHttpRequest").With("url", JavaScript("getInput('url')")), Line("done", "'done ' + getStatusCodeFromCall()")],
            [("call", "Done", "done")]));

        (await Run("http-ports", url + "/ok")).ShouldBe(["found filed"]);
        (await Run("http-ports", url + "/missing")).ShouldBe(["missing 404"]);
        (await Run("http-ports", url + "/broken")).ShouldBe(["unmatched 500"]);
        (await Run("http-ports", Closed())).ShouldBe(["failed to connect"]);
        (await Run("http-ports", url + "/slow")).ShouldBe(["timed out"]);
        (await Run("http-any", url + "/broken")).ShouldBe(["done 500"]); // nothing expected: Done, whatever the code
    }

    [Fact]
    public async Task The_HTTP_Request_with_cases_runs_the_matching_case_else_its_unmatched_or_failed_to_connect_activity_then_goes_on()
    {
        var call = $$"""
            {
              "id": "call", "type": "Elsa.SendHttpRequest",
              "url": { "typeName": "Uri", "expression": { "type": "JavaScript", "value": "getInput('url')" } },
              "expectedStatusCodes": [
                { "statusCode": 200, "activity": {{Say("ok", "'ok ' + getParsedContentFromCall().status")}} },
                { "statusCode": 404, "activity": {{Say("notFound", "'not found'")}} }
              ],
              "unmatchedStatusCode": {{Say("unmatched", "'unmatched ' + getStatusCodeFromCall()")}},
              "failedToConnect": {{Say("down", "'failed to connect'")}}
            }
            """;
        await Host.Publish(SequenceDefinition("http-cases", call, Say("after", "'after'")));

        (await Run("http-cases", url + "/ok")).ShouldBe(["ok filed", "after"]);
        (await Run("http-cases", url + "/missing")).ShouldBe(["not found", "after"]);
        (await Run("http-cases", url + "/broken")).ShouldBe(["unmatched 500", "after"]);
        (await Run("http-cases", Closed())).ShouldBe(["failed to connect", "after"]);
        (await Run("http-cases", url + "/slow")).ShouldBe(["after"]); // no Timeout activity: it completes
    }

    [Fact]
    public async Task The_request_is_sent_after_the_step_commits_with_no_transaction_holding_its_instance()
    {
        await Host.Publish(Flowchart("http-outside",
            [Activity("call", "Elsa.FlowSendHttpRequest").With("url", JavaScript("getInput('url') + '?instance=' + getWorkflowInstanceId()"))
                .With("expectedStatusCodes", Codes("[200]")),
             Activity("said", "Elsa.WriteLine").With("text", JavaScript("'instance ' + getParsedContentFromCall().instance")),
             Activity("other", "Elsa.WriteLine").With("text", JavaScript("'answered ' + getStatusCodeFromCall() + ' ' + JSON.stringify(getParsedContentFromCall())"))],
            [("call", "200", "said"), ("call", "Unmatched status code", "other")]));

        (await Run("http-outside", url + "/held")).ShouldBe(["instance free"]);
    }

    [Fact]
    public async Task A_county_calls_only_the_hosts_it_is_allowed_even_where_another_county_may_call_them()
    {
        await Host.Publish(Flowchart("http-allowed",
            [Activity("call", "Elsa.FlowSendHttpRequest").With("url", JavaScript("getInput('url')")).With("expectedStatusCodes", Codes("[200]")),
             Activity("ok", "Elsa.WriteLine", ("text", "answered"))],
            [("call", "200", "ok")]));

        (await Run("http-allowed", url + "/ok")).ShouldBe(["answered"]);
        var north = await Host.Start("http-allowed", new JsonObject { ["url"] = url + "/ok" }, "county-north");
        await Host.StatusBecomes(north.Id, WorkflowStatus.Faulted);
        var incidents = await Host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking()
            .Where(i => i.InstanceId == north.Id).Select(i => i.Message).ToListAsync());
        incidents.ShouldHaveSingleItem().ShouldContain("127.0.0.1 is not a host county county-north allows");
        Log.WrittenBy(north.Id).ShouldBeEmpty();
    }
}
