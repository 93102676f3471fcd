using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Orchestration.Bench;

/// <summary>
/// Procedures of five domain steps in a row. Each step sends <c>ConcludeRecommendationRound</c> through the workflow server's outbox; the
/// stand-in service consumes it through its inbox, stores a row and answers through its own outbox in one transaction; the result
/// resumes the step.
/// </summary>
public static class RoundTrips
{
    public static async Task<Measurement[]> RunAsync(BenchEnvironment environment, int procedures)
    {
        await using var server = await WorkflowServer.StartAsync(environment, standIn: true);
        var steps = Enumerable.Range(1, 5).Select(i => $"step{i}").ToArray();
        foreach (var id in new[] { "five-round-trips-warm-up", "five-round-trips" })
            await server.PublishAsync(BenchDefinitions.Chain(id, steps, "Orchestration.Nomination.ConcludeRecommendationRound", "Passed",
                new JsonObject { ["meetingVotesFor"] = 70, ["meetingBallotsCast"] = 100 }));

        // The same number of procedures first, unmeasured, as every peer does: the figure is the running server's, not a cold process's.
        await RunAsync(server, "five-round-trips-warm-up", procedures);
        var rate = procedures / (await RunAsync(server, "five-round-trips", procedures)).TotalSeconds;
        Console.WriteLine($"round-trips: {procedures} procedures x 5 steps in {procedures / rate:F1} s = {rate:F1} procedures/s, {rate * 5:F1} steps/s (after as many to warm up)");
        await JournalCheck.VerifyAllAsync(server.Services);
        await server.App.StopAsync();
        var work = await DatabaseWork.ReadAsync(server.WorkflowsDatabase, server.ServiceDatabase);
        var stepsDone = 2L * procedures * 5;
        Console.WriteLine($"  database work per step: {work.PerStep(stepsDone)} (both passes, {stepsDone} steps)");
        return [new("round-trips", "5-step procedures, a service inbox + outbox transaction per step", rate, "procedures/s", $"{procedures} procedures, {rate * 5:F0} steps/s")
            { Database = (work, stepsDone) }];
    }

    static async Task<TimeSpan> RunAsync(WorkflowServer server, string definitionId, int procedures)
    {
        var watch = Stopwatch.StartNew();
        await Procedures.StartManyAsync(server.Services, definitionId, procedures, _ => new JsonObject { ["cadreId"] = Guid.NewGuid().ToString() });
        return await Procedures.WaitUntilFinishedAsync(server.Services, definitionId, procedures, watch);
    }
}

/// <summary>One figure of a run.</summary>
public sealed record Measurement(string Key, string Name, double Value, string Unit, string Detail)
{
    public double? Extra { get; init; }

    /// <summary>What the measurement asked of PostgreSQL, and over how many steps (see <see cref="DatabaseWork"/>).</summary>
    public (DatabaseWork Work, long Steps)? Database { get; init; }
}
