using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Definitions;

/// <summary>A definition version parsed once: its JSON and the executable flowchart.</summary>
public sealed record CompiledDefinition(string VersionId, JsonObject Json, Flowchart Flowchart);

/// <summary>
/// Parsed definition versions, shared by every run of the process. A version an instance runs on never changes (saving after
/// a publish, or after a version has run, creates a new version), so an entry never goes stale. The trees are walked once
/// on insertion: a fully materialized <see cref="JsonNode"/> tree is safe to read from several threads.
/// </summary>
public sealed class CompiledDefinitions
{
    readonly ConcurrentDictionary<string, CompiledDefinition> versions = new(StringComparer.Ordinal);

    public async Task<CompiledDefinition> GetAsync(WorkflowDbContext db, string versionId, CancellationToken ct)
    {
        if (versions.TryGetValue(versionId, out var compiled)) return compiled;
        var json = await db.Definitions.AsNoTracking().Where(d => d.Id == versionId).Select(d => d.Json).SingleOrDefaultAsync(ct)
                   ?? throw new InvalidOperationException($"Definition version {versionId} is gone.");
        return Add(versionId, json);
    }

    public CompiledDefinition GetOrAdd(string versionId, string json) =>
        versions.TryGetValue(versionId, out var compiled) ? compiled : Add(versionId, json);

    /// <summary>Forgets versions that were deleted, so a deleted version is not run from memory.</summary>
    public void Forget(IEnumerable<string> versionIds)
    {
        foreach (var id in versionIds) versions.TryRemove(id, out _);
    }

    CompiledDefinition Add(string versionId, string json)
    {
        var model = JsonNode.Parse(json)!.AsObject();
        Materialize(model);
        return versions.GetOrAdd(versionId, new CompiledDefinition(versionId, model, Flowchart.Parse(model)));
    }

    static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj) Materialize(child);
                break;
            case JsonArray array:
                foreach (var child in array) Materialize(child);
                break;
        }
    }
}
