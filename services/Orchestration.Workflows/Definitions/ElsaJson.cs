using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestration.Workflows.Definitions;

/// <summary>
/// Elsa 3's workflow-definition JSON, kept as a <see cref="JsonObject"/> so a load and a save change nothing we do not
/// understand. This class only normalizes what the Studio and hand-written files get wrong.
/// </summary>
public static class ElsaJson
{
    public const string Schema = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";
    public const string FlowchartType = "Elsa.Flowchart";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    /// <summary>
    /// Fills what a definition must have before the Studio or the runtime sees it: nodeIds (a null one crashes the editor),
    /// <c>activities</c>/<c>connections</c> arrays, the current connection shape (the legacy flat one leaves a blank canvas) and
    /// the default collections of the top level.
    /// </summary>
    public static JsonObject Normalize(JsonObject definition)
    {
        definition.Remove("$schema");
        foreach (var collection in new[] { "variables", "inputs", "outputs", "outcomes" })
            if (definition[collection] is not JsonArray) definition[collection] = new JsonArray();
        if (definition["customProperties"] is not JsonObject) definition["customProperties"] = new JsonObject();
        if (definition["options"] is not JsonObject) definition["options"] = new JsonObject { ["usableAsActivity"] = false, ["autoUpdateConsumingWorkflows"] = false };
        if (definition["root"] is JsonObject root) NormalizeActivity(root, "Workflow1");
        return definition;
    }

    static void NormalizeActivity(JsonObject activity, string parentNodeId)
    {
        // An id or type that is not text is left as it is, for the validator to name.
        if (activity["id"] is not null && activity.Text("id") is null) return;
        var id = activity.Text("id") ?? Guid.NewGuid().ToString("N")[..16];
        activity["id"] = id;
        var nodeId = $"{parentNodeId}:{id}";
        activity["nodeId"] = nodeId;
        if (activity["customProperties"] is not JsonObject) activity["customProperties"] = new JsonObject();
        if (activity["metadata"] is not JsonObject) activity["metadata"] = new JsonObject();
        activity["version"] ??= 1;

        if (activity.Text("type") == FlowchartType)
        {
            if (activity["activities"] is not JsonArray children) activity["activities"] = children = new JsonArray();
            foreach (var child in children.OfType<JsonObject>()) NormalizeActivity(child, nodeId);
            activity["connections"] = NormalizeConnections(activity["connections"] as JsonArray);
            return;
        }

        // Activities held in embedded ports (If's then/else) are nested objects with a type and an id.
        foreach (var (name, value) in activity.ToList())
            if (name != "expression" && value is JsonObject nested && nested["type"] is not null && nested["id"] is not null)
                NormalizeActivity(nested, nodeId);
    }

    static JsonArray NormalizeConnections(JsonArray? connections)
    {
        var normalized = new JsonArray();
        foreach (var connection in connections?.OfType<JsonObject>() ?? [])
        {
            if (connection["source"] is JsonValue legacySource && legacySource.TryGetValue<string>(out var legacySourceId)
                && (connection["target"] is null || connection.Text("target") is not null))
            {
                normalized.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = legacySourceId, ["port"] = connection.Text("sourcePort") ?? "Done" },
                    ["target"] = new JsonObject { ["activity"] = connection.Text("target"), ["port"] = connection.Text("targetPort") ?? "In" },
                    ["vertices"] = new JsonArray(),
                });
                continue;
            }

            var copy = (JsonObject)connection.DeepClone();
            if (copy["vertices"] is not JsonArray) copy["vertices"] = new JsonArray();
            normalized.Add(copy);
        }
        return normalized;
    }

    public static string Serialize(JsonObject definition, bool withSchema = false, bool indented = false)
    {
        var copy = (JsonObject)definition.DeepClone();
        if (withSchema)
        {
            var ordered = new JsonObject { ["$schema"] = Schema };
            foreach (var (key, value) in copy.ToList())
            {
                copy.Remove(key);
                ordered[key] = value;
            }
            copy = ordered;
        }
        return copy.ToJsonString(indented ? Indented : Options);
    }

    public static string? Text(this JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
