using System.Text.Json.Nodes;

namespace Orchestration.Testing;

/// <summary>Reads a service's OpenAPI document: what each operation under a path prefix says it answers.</summary>
public static class ApiDescription
{
    public static async Task<JsonNode> ReadAsync(HttpClient client) => JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

    /// <summary>"POST /api/x/{id}" of every operation under <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> Operations(JsonNode document, string prefix) =>
        [.. OperationsUnder(document, prefix).Select(o => o.Name)];

    /// <summary>The operations under <paramref name="prefix"/> with a success answer (2xx) whose body has no schema, or with no success answer.</summary>
    public static IReadOnlyList<string> Undescribed(JsonNode document, string prefix) =>
        [.. OperationsUnder(document, prefix).Where(o => o.Operation["responses"]?.AsObject().Where(r => r.Key.StartsWith('2')).ToList() is not { Count: > 0 } successes
            || successes.Any(r => r.Value?["content"]?.AsObject() is not { Count: > 0 } content || content.Any(c => c.Value?["schema"] is null)))
            .Select(o => o.Name)];

    /// <summary>The operations under <paramref name="prefix"/> that do not say in a summary what they do.</summary>
    public static IReadOnlyList<string> WithoutSummary(JsonNode document, string prefix) =>
        [.. OperationsUnder(document, prefix).Where(o => string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>())).Select(o => o.Name)];

    /// <summary>The schema reference of one answer, e.g. "#/components/schemas/MotionView".</summary>
    public static string? SchemaOf(JsonNode document, string method, string path, string status) =>
        document["paths"]?[path]?[method]?["responses"]?[status]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();

    /// <summary>The status codes an operation says it answers.</summary>
    public static IReadOnlyList<string> Statuses(JsonNode document, string method, string path) =>
        [.. document["paths"]?[path]?[method]?["responses"]?.AsObject().Select(r => r.Key) ?? []];

    /// <summary>
    /// The request and response fields under <paramref name="prefix"/> that nobody described: every parameter ("GET /api/x/{id}: id"),
    /// and every property ("Schema.property") of every schema reachable from the request bodies and the answers, through component
    /// references, array items, dictionary values and allOf/oneOf/anyOf. A property counts as described only by its own description:
    /// one that refers to a component schema says on the property what the field is for, not only what its type is.
    /// </summary>
    public static IReadOnlyList<string> FieldsWithoutDescription(JsonNode document, string prefix)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var schemas = document["components"]?["schemas"];

        void Walk(JsonNode? schema, string owner)
        {
            if (schema is not JsonObject node) return;
            if (node["$ref"]?.GetValue<string>() is { } reference)
            {
                var name = reference[(reference.LastIndexOf('/') + 1)..];
                if (seen.Add(name)) Walk(schemas?[name], name);
                return;
            }
            if (node["properties"] is JsonObject properties)
                foreach (var (property, value) in properties)
                {
                    if (!Described(value)) missing.Add($"{owner}.{property}");
                    Walk(value, $"{owner}.{property}");
                }
            Walk(node["items"], owner);
            Walk(node["additionalProperties"], owner);
            foreach (var combinator in (string[])["allOf", "oneOf", "anyOf"])
                if (node[combinator] is JsonArray parts)
                    foreach (var part in parts) Walk(part, owner);
        }

        foreach (var (name, operation) in OperationsUnder(document, prefix))
        {
            if (operation["parameters"] is JsonArray parameters)
                foreach (var parameter in parameters)
                {
                    if (!Described(parameter)) missing.Add($"{name}: {parameter?["name"]?.GetValue<string>()}");
                    Walk(parameter?["schema"], $"{name}: {parameter?["name"]?.GetValue<string>()}");
                }
            foreach (var (_, content) in operation["requestBody"]?["content"]?.AsObject() ?? [])
                Walk(content?["schema"], $"{name} body");
            foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
                foreach (var (_, content) in response?["content"]?.AsObject() ?? [])
                    Walk(content?["schema"], $"{name} {status}");
        }
        return [.. missing];
    }

    static bool Described(JsonNode? node) => !string.IsNullOrWhiteSpace(node?["description"]?.GetValue<string>());

    static IEnumerable<(string Name, JsonNode Operation)> OperationsUnder(JsonNode document, string prefix) =>
        document["paths"]!.AsObject().Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => ($"{o.Key.ToUpperInvariant()} {p.Key}", o.Value!)));
}
