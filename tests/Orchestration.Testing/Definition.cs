using System.Text.Json.Nodes;

namespace Orchestration.Testing;

/// <summary>Writes small flowcharts in Elsa 3's JSON, as the designer would save them.</summary>
public static class Definition
{
    public static JsonObject Flowchart(string definitionId, JsonObject[] activities, (string From, string Port, string To)[] connections,
        params (string Name, string Type, string Value)[] variables) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode)new JsonObject
        {
            ["id"] = v.Name, ["name"] = v.Name, ["typeName"] = v.Type, ["isArray"] = false, ["value"] = v.Value,
        })]),
        ["root"] = new JsonObject
        {
            ["id"] = "root",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray([.. activities.Select((a, i) =>
            {
                a["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = i * 220, ["y"] = 0 } } };
                return (JsonNode)a;
            })]),
            ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = c.Port },
                ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
                ["vertices"] = new JsonArray(),
            })]),
        },
    };

    public static JsonObject Activity(string id, string type, params (string Input, object Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id };
        foreach (var (input, value) in inputs) activity[input] = Literal(value);
        return activity;
    }

    public static JsonObject Literal(object value) => new()
    {
        ["typeName"] = value switch { int => "Int32", bool => "Boolean", _ => "String" },
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = JsonValue.Create(value) },
    };

    public static JsonObject JavaScript(string code) => new()
    {
        ["typeName"] = "Object",
        ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = code },
    };

    public static JsonObject With(this JsonObject activity, string input, JsonObject value)
    {
        activity[input] = value;
        return activity;
    }

    /// <summary>Start, <paramref name="count"/> - 2 WriteLines one after another, End: a chain as deep as it is long.</summary>
    public static JsonObject Chain(string definitionId, int count)
    {
        var activities = new JsonObject[count];
        activities[0] = Activity("a0", "Elsa.Start");
        for (var i = 1; i < count - 1; i++) activities[i] = Activity($"a{i}", "Elsa.WriteLine", ("text", $"step {i}"));
        activities[count - 1] = Activity($"a{count - 1}", "Elsa.End");
        return Flowchart(definitionId, activities, [.. Enumerable.Range(0, count - 1).Select(i => ($"a{i}", "Done", $"a{i + 1}"))]);
    }
}
