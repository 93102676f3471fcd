using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Api;

/// <summary>
/// A human step raised over HTTP is checked against the JSON Schema its waiting Event activities declare (input <c>PayloadSchema</c>,
/// kept in each wait), so a step an administrator added in the designer gets its figures checked as a service checks its facts.
/// </summary>
public static class EventPayloads
{
    /// <summary>Schemas already read, by their text: a step's schema is read once, not on every event raised for it.</summary>
    static readonly ConcurrentDictionary<string, JsonSchema> Read = new();

    /// <summary>The payload's faults by JSON pointer (empty when it satisfies every schema waiting for the event, or none is declared).</summary>
    public static async Task<Dictionary<string, string[]>> FaultsAsync(WorkflowDbContext db, string tenantId, string eventName, string correlationKey,
        JsonNode? payload, CancellationToken ct)
    {
        var key = EventActivity.EventKey(eventName, correlationKey);
        var schemas = await (from b in db.Bookmarks.AsNoTracking()
                             join i in db.Instances.AsNoTracking() on b.InstanceId equals i.Id
                             where b.Kind == BookmarkKinds.Event && b.Key == key && i.TenantId == tenantId && b.PayloadJson != null
                             select b.PayloadJson!).Distinct().Take(20).ToListAsync(ct);
        var faults = new Dictionary<string, string[]>();
        if (schemas.Count == 0) return faults;
        using var document = JsonDocument.Parse(payload?.ToJsonString() ?? "null");
        foreach (var wait in schemas)
        {
            if (JsonNode.Parse(wait)?[EventActivity.SchemaProperty] is not JsonObject declared) continue;
            if (Read.Count > 1000) Read.Clear(); // designers change schemas; keep the cache bounded
            var results = Read.GetOrAdd(declared.ToJsonString(), text => JsonSchema.FromText(text)).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid) continue;
            foreach (var detail in (results.Details ?? []).Append(results).Where(d => d.Errors is { Count: > 0 }))
            {
                var field = "payload" + detail.InstanceLocation.ToString().Replace('/', '.').TrimEnd('.');
                faults[field] = [.. faults.GetValueOrDefault(field) ?? [], .. detail.Errors!.Values];
            }
        }
        return faults;
    }
}
