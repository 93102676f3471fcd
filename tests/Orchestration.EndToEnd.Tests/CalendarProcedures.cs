using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.Testing;
using Shouldly;

namespace Orchestration.EndToEnd.Tests;

/// <summary>What the calendar procedures' tests share: moving the clock to a Beijing moment, finding the instance a trigger started,
/// and checking the full-process record (C1) of a run.</summary>
public static class CalendarProcedures
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Moves the shared clock forward to <paramref name="moment"/> (never back).</summary>
    public static void MoveTo(this ProcedureSystem system, DateTimeOffset moment)
    {
        var by = moment - system.Clock.GetUtcNow();
        if (by > TimeSpan.Zero) system.Advance(by);
    }

    /// <summary>Waits for the one instance of <paramref name="definitionId"/> that a trigger started (for the cadre, when given).</summary>
    public static async Task<Guid> StartedAsync(this ProcedureSystem system, string definitionId, Guid? cadreId = null)
    {
        var query = $"/api/workflows/instances?definitionId={definitionId}" + (cadreId is { } cadre ? $"&cadreId={cadre}" : "");
        var instance = await Eventually.Get(async () =>
        {
            var instances = (await system.Department.GetFromJsonAsync<JsonArray>(query))!;
            instances.Count.ShouldBeLessThanOrEqualTo(1, $"one {definitionId} procedure");
            return instances.Count == 1 ? instances[0]!.AsObject() : null;
        }, $"a {definitionId} procedure to start", TimeSpan.FromSeconds(60));
        return instance["id"]!.GetValue<Guid>();
    }

    /// <summary>C1: the journal's hash chain is intact.</summary>
    public static async Task JournalIntactAsync(this ProcedureSystem system, Guid procedure)
    {
        var verification = (await system.Department.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{procedure}/journal/verify"))!;
        verification["valid"]!.GetValue<bool>().ShouldBeTrue(verification.ToJsonString());
        verification["entries"]!.GetValue<int>().ShouldBeGreaterThan(0);
    }

    /// <summary>Who resumed each step, in order: (activity, actor) of the journal's Resumed entries.</summary>
    public static List<(string Activity, string Actor)> Resumptions(JsonObject instance) =>
        instance["journal"]!.AsArray().Where(j => j!["eventName"]!.GetValue<string>() == "Resumed")
            .Select(j => (j!["activityId"]!.GetValue<string>(), j["actor"]!.GetValue<string>())).ToList();

    /// <summary>Who started the procedure (the actor of WorkflowStarted).</summary>
    public static string StartedBy(JsonObject instance) =>
        instance["journal"]!.AsArray().First(j => j!["eventName"]!.GetValue<string>() == "WorkflowStarted")!["actor"]!.GetValue<string>();

    /// <summary>The payloads a step was resumed with (its result events), in order.</summary>
    public static List<JsonObject> ResultsOf(JsonObject instance, string activityId) =>
        instance["journal"]!.AsArray().Where(j => j!["eventName"]!.GetValue<string>() == "Resumed" && j["activityId"]!.GetValue<string>() == activityId)
            .Select(j => JsonNode.Parse(j!["payloadJson"]!.GetValue<string>())!.AsObject()).ToList();
}
