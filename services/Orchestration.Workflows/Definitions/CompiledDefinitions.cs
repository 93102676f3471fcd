using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;

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

    /// <summary>
    /// The parsed version, with the workflows it uses as activities read in place (each at the version it names, else the published
    /// version its county sees: see <see cref="CompositeResolver"/>).
    /// </summary>
    public async Task<CompiledDefinition> GetAsync(WorkflowDbContext db, string versionId, CancellationToken ct)
    {
        if (versions.TryGetValue(versionId, out var compiled)) return compiled;
        var record = await db.Definitions.AsNoTracking().Where(d => d.Id == versionId).Select(d => new { d.Json, d.TenantId }).SingleOrDefaultAsync(ct)
                     ?? throw new InvalidOperationException($"Definition version {versionId} is gone.");
        var model = JsonNode.Parse(record.Json)!.AsObject();
        var resolve = await CompositeResolver.LoadAsync(db, model, record.TenantId, ct);
        Materialize(model);
        return versions.GetOrAdd(versionId, new CompiledDefinition(versionId, model, Flowchart.Parse(model, resolve)));
    }

    /// <summary>Forgets versions that were deleted, so a deleted version is not run from memory.</summary>
    public void Forget(IEnumerable<string> versionIds)
    {
        foreach (var id in versionIds) versions.TryRemove(id, out _);
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

/// <summary>
/// Finds the definitions a definition uses as activities (Elsa's workflow-definition activities: an activity with a
/// <c>workflowDefinitionId</c>), at any depth: the version the activity names (<c>workflowDefinitionVersionId</c>) when the county
/// can read it, else the definition's published version the county sees (its own, else the shared library's), as Elsa falls back
/// to the published version.
/// </summary>
public static class CompositeResolver
{
    /// <summary>Loads what <paramref name="model"/> uses; the function answers for each activity (null: not a usable workflow).</summary>
    public static async Task<Func<JsonObject, JsonObject?>> LoadAsync(WorkflowDbContext db, JsonObject model, string tenantId, CancellationToken ct)
    {
        var found = new Dictionary<(string DefinitionId, string? VersionId), JsonObject?>();
        var pending = new Queue<(JsonObject Definition, int Depth)>([(model, 0)]);
        while (pending.Count > 0)
        {
            var (definition, depth) = pending.Dequeue();
            if (depth >= Flowchart.MaxCompositeDepth) continue;
            foreach (var activity in Flowchart.ActivityObjects(definition))
            {
                if (Flowchart.CompositeDefinitionId(activity) is not { } definitionId) continue;
                var key = (definitionId, activity.Text("workflowDefinitionVersionId"));
                if (found.ContainsKey(key)) continue;
                var record = key.Item2 is { } versionId
                    ? await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == versionId && d.DefinitionId == definitionId
                        && (d.TenantId == tenantId || d.TenantId == DefinitionTenancy.SharedLibrary), ct)
                    : null;
                if (record is null)
                {
                    var published = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.IsPublished
                        && (d.TenantId == tenantId || d.TenantId == DefinitionTenancy.SharedLibrary)).ToListAsync(ct);
                    record = published.FirstOrDefault(d => d.TenantId == tenantId) ?? published.FirstOrDefault();
                }
                var child = record is null ? null : JsonNode.Parse(record.Json)!.AsObject();
                found[key] = child;
                if (child is not null) pending.Enqueue((child, depth + 1));
            }
        }
        return activity => Flowchart.CompositeDefinitionId(activity) is { } id
            && found.GetValueOrDefault((id, activity.Text("workflowDefinitionVersionId"))) is { } definition ? definition : null;
    }
}
