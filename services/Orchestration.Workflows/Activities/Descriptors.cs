using System.Text.Json.Nodes;

namespace Orchestration.Workflows.Activities;

/// <summary>Builds activity descriptors in the exact shape Elsa Studio 3.8 reads.</summary>
public static class Descriptors
{
    public static JsonObject Activity(string typeName, string category, string displayName, string? description,
        IEnumerable<JsonObject>? inputs = null, IEnumerable<string>? ports = null, string kind = "Action",
        bool isStart = false, bool isTerminal = false, bool isContainer = false, JsonObject? customProperties = null,
        IEnumerable<JsonObject>? outputs = null, IEnumerable<string>? embeddedPorts = null)
    {
        var dot = typeName.LastIndexOf('.');
        return new JsonObject
        {
            ["typeName"] = typeName,
            ["namespace"] = typeName[..dot],
            ["name"] = typeName[(dot + 1)..],
            ["version"] = 1,
            ["category"] = category,
            ["displayName"] = displayName,
            ["description"] = description,
            ["kind"] = kind,
            ["isContainer"] = isContainer || embeddedPorts is not null,
            ["isBrowsable"] = true,
            ["isStart"] = isStart,
            ["isTerminal"] = isTerminal,
            ["runAsynchronously"] = false,
            ["customProperties"] = customProperties ?? new JsonObject(),
            ["constructionProperties"] = new JsonObject(),
            ["inputs"] = new JsonArray([.. (inputs ?? []).Select((input, order) => { input["order"] = order; return (JsonNode)input; })]),
            ["outputs"] = new JsonArray([.. (outputs ?? []).Cast<JsonNode>()]),
            ["ports"] = new JsonArray([.. (ports ?? []).Select(port => (JsonNode)new JsonObject
            {
                ["name"] = port, ["displayName"] = port, ["type"] = "Flow", ["isBrowsable"] = true,
            }).Concat((embeddedPorts ?? []).Select(port => (JsonNode)new JsonObject
            {
                ["name"] = PropertyName(port), ["displayName"] = port, ["type"] = "Embedded", ["isBrowsable"] = true,
            }))]),
        };
    }

    /// <summary>An input; <paramref name="name"/> is the PascalCase descriptor name, stored camelCase in the activity.</summary>
    public static JsonObject Input(string name, string typeName, string uiHint = "singleline", string? displayName = null,
        string? description = null, JsonNode? defaultValue = null, IEnumerable<string>? options = null) =>
        Input(name, typeName, uiHint, displayName, description, defaultValue, options?.Select(o => (o, o)));

    /// <summary>An input whose dropdown shows <c>Text</c> and stores <c>Value</c> (an enum's Chinese name and member name, say).</summary>
    public static JsonObject Input(string name, string typeName, string uiHint, string? displayName, string? description,
        JsonNode? defaultValue, IEnumerable<(string Text, string Value)>? choices) => new()
    {
        ["name"] = name,
        ["typeName"] = typeName,
        ["displayName"] = displayName ?? name,
        ["description"] = description,
        ["order"] = 0,
        ["uiHint"] = choices is null ? uiHint : "dropdown",
        ["category"] = null,
        ["defaultValue"] = defaultValue,
        ["defaultSyntax"] = "Literal",
        ["isWrapped"] = true,
        ["isReadOnly"] = false,
        ["isBrowsable"] = true,
        ["isSerializable"] = true,
        ["isSynthetic"] = false,
        ["isSensitive"] = false,
        ["storageDriverType"] = null,
        ["autoEvaluate"] = true,
        ["uiSpecifications"] = choices is null ? null : new JsonObject
        {
            ["dropdown"] = new JsonObject
            {
                ["selectList"] = new JsonObject
                {
                    ["items"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["text"] = c.Text, ["value"] = c.Value })]),
                    ["isFlagsEnum"] = false,
                },
            },
        },
    };

    public static JsonObject Output(string name, string typeName) => new()
    {
        ["name"] = name, ["typeName"] = typeName, ["displayName"] = name, ["description"] = null, ["order"] = 0,
        ["isBrowsable"] = true, ["isSerializable"] = true, ["isSynthetic"] = false,
    };

    /// <summary>"CadreId" → "cadreId": how Elsa stores a descriptor input in the activity JSON.</summary>
    public static string PropertyName(string inputName) => char.ToLowerInvariant(inputName[0]) + inputName[1..];
}
