using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Logging;
using Orchestration.Testing;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Local.Tests;

/// <summary>What the embedded host prints at its default levels: its own lines and the welcome text, no SQL of the polling loops.</summary>
public sealed class EmbeddedHostQuietLogTests : EmbeddedHostProcess
{
    const string Banner = "Orchestration (embedded) is running.";

    [Fact]
    public async Task At_default_levels_no_SQL_or_endpoint_configuration_is_logged_and_the_welcome_text_comes_last()
    {
        using var http = new HttpClient { BaseAddress = new Uri(root) };
        await ReadyAsync(http);
        await Eventually.True(() => Task.FromResult(Output().Contains("Administrator token for tenant")), "the welcome text");

        // The outbox, timer and sealer loops poll the databases several times a second: idle, nothing follows the welcome text.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var lines = Output().Split('\n');
        var banner = Array.FindIndex(lines, l => l.Contains(Banner, StringComparison.Ordinal));
        banner.ShouldBeGreaterThan(0);
        banner.ShouldBeLessThan(150, $"a short start, not pages of SQL before the welcome text:\n{string.Join('\n', lines.Take(200))}");
        lines.Skip(banner).Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l.Contains(':') && !l.StartsWith("Orchestration", StringComparison.Ordinal)
                                      && !l.StartsWith("Administrator", StringComparison.Ordinal))
            .ShouldBeEmpty("the welcome text stays the last thing on screen while the host idles");

        // Procedures run, one with a domain step over the bus: their own lines may be logged, never the SQL or the bus's endpoint configuration.
        await Procedures.RunOneAsync(http);
        await Procedures.RunOneAsync(http, domainStep: true);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var output = Output();
        foreach (var noise in new[] { "info: Microsoft.EntityFrameworkCore.Database.Command", "Executed DbCommand", "Configured endpoint", "info: MassTransit" })
            output.Contains(noise, StringComparison.Ordinal).ShouldBeFalse($"{noise} is logged:\n{Around(output, noise)}");

        // And the gauges the runbook reads answer from SQLite too.
        var metrics = await http.GetStringAsync("/metrics");
        metrics.ShouldContain("orchestration_outbox_pending{");
        metrics.ShouldContain("orchestration_workflows_timers_pending{");
        metrics.ShouldContain("orchestration_workflows_step_duration_seconds_bucket{");
        metrics.ShouldContain("http_server_request_duration_seconds_count{");
        metrics.ShouldContain("dotnet_gc_heap_total_allocated_bytes_total");
        await Eventually.True(async () => (await http.GetStringAsync("/metrics")).Contains("messaging_masstransit_consume_ea_total{", StringComparison.Ordinal),
            "MassTransit's consume counter (MassTransit counts in \"ea\", each)");
    }

    static string Around(string text, string what)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? "" : text[Math.Max(0, at - 300)..Math.Min(text.Length, at + 1500)];
    }
}

/// <summary>With the containers' logging settings, every log line is one JSON object, and a step's line carries its trace id.</summary>
public sealed class EmbeddedHostJsonLogTests : EmbeddedHostProcess
{
    protected override IReadOnlyDictionary<string, string> Environment => QuietLogging.JsonConsole;

    [Fact]
    public async Task Log_lines_are_JSON_with_the_trace_id_of_the_step_that_logged()
    {
        using var http = new HttpClient { BaseAddress = new Uri(root) };
        await ReadyAsync(http);
        var instance = await Procedures.RunOneAsync(http, fault: true);

        var faulted = await Eventually.Get(() => Task.FromResult(JsonLines().FirstOrDefault(l =>
            l["Message"]?.GetValue<string>().Contains($"Workflow {instance} faulted", StringComparison.Ordinal) == true)), "the fault logged");
        faulted["LogLevel"]!.GetValue<string>().ShouldBe("Warning");
        faulted["Category"]!.GetValue<string>().ShouldStartWith("Orchestration.");
        faulted["Timestamp"]!.GetValue<string>().ShouldEndWith("Z");
        var traceIds = faulted["Scopes"]!.AsArray().Select(s => s?["TraceId"]?.GetValue<string>()).Where(t => t is not null).ToList();
        traceIds.ShouldNotBeEmpty("the line carries the trace id of the request or step");
        traceIds[0]!.Length.ShouldBe(32);

        // Every line the logger wrote parses; only the welcome text for people is plain.
        var logged = Output().Split('\n').Where(l => l.StartsWith('{')).ToList();
        logged.Count.ShouldBeGreaterThan(3);
        foreach (var line in logged) JsonNode.Parse(line).ShouldBeOfType<JsonObject>();
        Output().Split('\n').ShouldNotContain(l => l.StartsWith("info:", StringComparison.Ordinal) || l.StartsWith("warn:", StringComparison.Ordinal));
    }

    List<JsonObject> JsonLines() => Output().Split('\n').Where(l => l.StartsWith('{'))
        .Select(l => { try { return JsonNode.Parse(l) as JsonObject; } catch (JsonException) { return null; } })
        .OfType<JsonObject>().ToList();
}

/// <summary>A small procedure run on the embedded host as its administrator.</summary>
internal static class Procedures
{
    public static async Task<Guid> RunOneAsync(HttpClient http, bool fault = false, bool domainStep = false)
    {
        var token = await http.PostAsJsonAsync("/local/token", new { tenant = "county-demo", roles = new[] { "administrator", "organization-department" } });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpClient { BaseAddress = http.BaseAddress };
        request.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

        var definitionId = $"log-check-{Guid.NewGuid():N}"[..24];
        var model = domainStep
            ? Flowchart(definitionId,
                [Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                     .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)), Activity("end", "Elsa.End")],
                [("recommend", "Passed", "end"), ("recommend", "Failed", "end")])
            : Flowchart(definitionId,
                [Activity("say", "Elsa.WriteLine").With("text", fault ? JavaScript("throw new Error('no such county')") : Literal("hello")),
                 Activity("end", "Elsa.End")],
                [("say", "Done", "end")]);
        var saved = await request.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());
        var started = await request.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { cadreId = Guid.NewGuid() } });
        started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
