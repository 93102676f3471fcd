using System.Text.Json.Nodes;
using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;

namespace Orchestration.Bench;

/// <summary>The system clock, moved forward on demand so that timers created now fall due together.</summary>
public sealed class ShiftableClock : TimeProvider
{
    long offsetTicks;

    public void Shift(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));
}

/// <summary>Stands in for the nomination service: every round passes at once.</summary>
public sealed class RecommendationResponder : IConsumer<ConcludeRecommendationRound>
{
    public Task Consume(ConsumeContext<ConcludeRecommendationRound> context)
    {
        var command = context.Message;
        return context.Publish(new RecommendationRoundConcluded(command.ProcedureId, command.TenantId, command.CadreId, Guid.NewGuid(),
            0.7m, null, Outcomes.Passed, null, null));
    }
}

/// <summary>Flowcharts in Elsa 3's JSON for the measurements.</summary>
public static class BenchDefinitions
{
    /// <summary>The given steps in a row, each connected to the next on <paramref name="port"/>, then an End.</summary>
    public static JsonObject Chain(string definitionId, string[] steps, string type, string port, JsonObject literals)
    {
        JsonObject Node(string id, string activityType, JsonObject? inputs)
        {
            var node = new JsonObject { ["id"] = id, ["type"] = activityType, ["version"] = 1, ["name"] = id };
            foreach (var (name, value) in inputs ?? [])
                node[name] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value?.DeepClone() } };
            return node;
        }

        var activities = new JsonArray([.. steps.Select(s => (JsonNode)Node(s, type, literals)), Node("end", "Elsa.End", null)]);
        var targets = steps.Skip(1).Append("end").ToArray();
        var connections = new JsonArray([.. steps.Select((s, i) => (JsonNode)new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = s, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = targets[i], ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        })]);
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
        };
    }
}
