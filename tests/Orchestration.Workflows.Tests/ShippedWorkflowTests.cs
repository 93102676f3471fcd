using System.Text.Json.Nodes;
using Jint;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Expressions;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>The definitions kept with the product (<c>workflows/*.json</c>) use only the JavaScript a real Elsa 3 server understands.</summary>
public sealed class ShippedWorkflowTests
{
    public static TheoryData<string> Files() => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Workflows"), "*.json").Select(f => Path.GetFileName(f)!)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_shipped_workflow_names_no_global_that_Elsa_lacks(string file)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)))!.AsObject();
        var accessors = (definition["variables"] as JsonArray ?? []).Select(v => v!["name"]!.GetValue<string>()).Where(JavaScriptExpressions.HasAccessors)
            .SelectMany(name => new[] { JavaScriptExpressions.Accessor("get", name), JavaScriptExpressions.Accessor("set", name) })
            .Concat((definition["inputs"] as JsonArray ?? []).Select(i => "get" + i!["name"]!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
        var standard = new Engine().Global;
        var scripts = DefinitionValidator.Scripts(Flowchart.Parse(definition)).Select(s => s.Code).ToList();
        scripts.ShouldNotBeEmpty();

        var foreign = scripts
            .SelectMany(code => (JavaScriptExpressions.ReferencedGlobals(code) ?? throw new ShouldAssertException($"does not parse: {code}"))
                .Select(name => (name, code)))
            .Where(g => !JavaScriptExpressions.ElsaGlobals.Contains(g.name) && !accessors.Contains(g.name) && !standard.HasProperty(g.name))
            .Select(g => $"{g.name} in: {g.code}")
            .ToList();

        foreign.ShouldBeEmpty();
    }

    /// <summary>Elsa Studio reads a String[] input (a Fork's branches) as a JSON array: a comma-separated literal stops the designer drawing.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Each_shipped_list_input_is_a_json_array_the_Studio_can_read(string file)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)))!.AsObject();
        var unreadable = new List<string>();
        foreach (var activity in definition["root"]!["activities"]!.AsArray().OfType<JsonObject>())
            foreach (var (name, input) in activity)
                if (input is JsonObject { } wrapped && wrapped["typeName"]?.GetValue<string>() == "String[]" && wrapped["expression"] is JsonObject expression
                    && expression["type"]?.GetValue<string>() is "Literal" or "Object"
                    && !(expression["value"]?.GetValue<string>() is { } value && value.TrimStart().StartsWith('[') && JsonNode.Parse(value) is JsonArray))
                    unreadable.Add($"{activity["id"]}.{name}");

        unreadable.ShouldBeEmpty();
    }

    [Fact]
    public void The_check_catches_the_globals_input_and_lastResult()
    {
        JavaScriptExpressions.ReferencedGlobals("input.cadreId + lastResult.outcome + getInput('x')")!.ShouldBe(["input", "lastResult", "getInput"], ignoreOrder: true);
        JavaScriptExpressions.LegacyGlobalsIn("var input = 1; return input + getLastResult().x").ShouldBeEmpty();
        new Engine().Global.HasProperty("input").ShouldBeFalse();
    }
}
