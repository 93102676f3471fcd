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

    static IEnumerable<(string Name, JsonNode Operation)> OperationsUnder(JsonNode document, string prefix) =>
        document["paths"]!.AsObject().Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => ($"{o.Key.ToUpperInvariant()} {p.Key}", o.Value!)));
}
