using System.Text.Json.Nodes;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Alterations;

/// <summary>
/// Moving one instance from the version it runs on to another: where it waits, its branch tokens, loop and join bookkeeping and
/// kept outputs follow the activity ids (mapped or unchanged), its variables the variable map. <see cref="Check"/> says why an
/// instance cannot move without changing anything; <see cref="Apply"/> moves one that can.
/// </summary>
internal sealed class InstanceMigration(CompiledDefinition from, CompiledDefinition to, WorkflowDefinitionRecord target, MigrateAlteration migrate)
{
    string Target(string activityId) => migrate.ActivityIdMap.TryGetValue(activityId, out var mapped) ? mapped : activityId;

    bool InTarget(string activityId) => to.Flowchart.Activities.ContainsKey(activityId);

    /// <summary>Why the instance cannot move (null when it can): each reason names the activity and what to do.</summary>
    public string? Check(WorkflowInstance instance, InstanceState state, IReadOnlyList<BookmarkRecord> bookmarks)
    {
        if (instance.DefinitionVersionId == target.Id) return $"It already runs on version {target.Version}.";
        foreach (var (source, _) in migrate.ActivityIdMap)
            if (!from.Flowchart.Activities.ContainsKey(source))
                return $"The map names {source}, which version {instance.Version} does not have.";
        foreach (var (_, mapped) in migrate.ActivityIdMap)
            if (!InTarget(mapped))
                return $"The map leads to {mapped}, which version {target.Version} does not have.";

        foreach (var bookmark in bookmarks)
        {
            var id = Target(bookmark.ActivityId);
            if (!to.Flowchart.Activities.TryGetValue(id, out var node))
                return $"It waits at {bookmark.ActivityId}, which version {target.Version} does not have: map it to the activity that takes over.";
            if (from.Flowchart.Activities.TryGetValue(bookmark.ActivityId, out var waiting) && waiting.Runner != node.Runner)
                return $"It waits at {bookmark.ActivityId} ({waiting.Type}); {id} in version {target.Version} is a {node.Type} and cannot take over the wait.";
            if (MapBranch(WorkflowEngine.BranchOf(bookmark)) is null)
                return $"It waits at {bookmark.ActivityId} on a branch of a fork that version {target.Version} does not have: map the fork.";
        }
        foreach (var loop in state.Loops.Keys.Concat(state.Composites.Keys))
            if (!InTarget(Target(loop)))
                return $"{loop} is under way and version {target.Version} does not have it: map it.";
        foreach (var join in state.JoinArrivals.Where(j => j.Value.Count > 0).Select(j => j.Key).Concat(state.MergeArrivals.Where(m => m.Value.Count > 0).Select(m => m.Key)))
            if (!InTarget(Target(join)))
                return $"Paths have arrived at {join}, which version {target.Version} does not have: map it.";
        if (state.FaultedActivityId is { } faulted && !InTarget(Target(faulted)))
            return $"It failed at {faulted}, which version {target.Version} does not have: map it.";
        foreach (var (source, _) in migrate.VariableMap)
            if (!state.Variables.ContainsKey(source))
                return $"It has no variable {source} to rename.";
        return null;
    }

    /// <summary>Moves a checked instance; returns what moved, for the journal.</summary>
    public JsonObject Apply(WorkflowInstance instance, InstanceState state, IReadOnlyList<BookmarkRecord> bookmarks, IEnumerable<Incident> openIncidents)
    {
        var moved = new JsonObject();
        foreach (var bookmark in bookmarks)
        {
            var id = Target(bookmark.ActivityId);
            var branch = WorkflowEngine.BranchOf(bookmark);
            var newBranch = MapBranch(branch)!;
            if (id != bookmark.ActivityId)
            {
                moved[bookmark.ActivityId] = id;
                if (bookmark.Kind == BookmarkKinds.Timer && bookmark.Key == $"{instance.Id}:{bookmark.ActivityId}") bookmark.Key = $"{instance.Id}:{id}";
                bookmark.ActivityId = id;
            }
            if (newBranch != branch && bookmark.PayloadJson is { } json && JsonNode.Parse(json) is JsonObject payload)
            {
                payload["branch"] = newBranch;
                bookmark.PayloadJson = payload.ToJsonString();
            }
        }

        state.Loops = Rekey(state.Loops);
        state.Composites = Rekey(state.Composites);
        state.JoinArrivals = Rekey(state.JoinArrivals).ToDictionary(j => j.Key, j => j.Value.Select(Target).ToList());
        state.MergeArrivals = Rekey(state.MergeArrivals).ToDictionary(m => m.Key, m => m.Value.Select(Target).ToList());
        state.ActivityOutputs = Rekey(state.ActivityOutputs).Where(o => InTarget(o.Key)).ToDictionary(o => o.Key, o => o.Value);
        state.BranchResults = state.BranchResults.ToDictionary(r => MapBranch(r.Key) ?? r.Key, r => r.Value);
        if (state.FaultedActivityId is { } faulted) state.FaultedActivityId = Target(faulted);
        if (state.FaultedArrivedFrom is { } arrived) state.FaultedArrivedFrom = Target(arrived);
        if (state.FaultedBranch is { } faultedBranch) state.FaultedBranch = MapBranch(faultedBranch) ?? faultedBranch;

        foreach (var (old, renamed) in migrate.VariableMap)
        {
            state.Variables[renamed] = state.Variables[old]?.DeepClone();
            state.Variables.Remove(old);
        }
        // Variables the target version declares and the instance never had start at their declared value.
        foreach (var variable in (to.Json["variables"] as JsonArray ?? []).OfType<JsonObject>())
            if (variable.Text("name") is { } name && !state.Variables.ContainsKey(name))
                state.Variables[name] = WorkflowRuntime.DefaultValue(variable);

        foreach (var incident in openIncidents)
            if (incident.ActivityId.Length > 0) incident.ActivityId = Target(incident.ActivityId);

        instance.DefinitionVersionId = target.Id;
        instance.Version = target.Version;
        instance.Name = target.Name;
        return moved;
    }

    Dictionary<string, T> Rekey<T>(Dictionary<string, T> byActivity) => byActivity.ToDictionary(e => Target(e.Key), e => e.Value, StringComparer.Ordinal);

    /// <summary>A branch token (<c>/fork.port/fork.port</c>) with its forks mapped; null when a fork is not in the target version.</summary>
    string? MapBranch(string branch)
    {
        if (branch == Branches.Main) return branch;
        var parts = branch.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var dot = parts[i].IndexOf('.', StringComparison.Ordinal);
            if (dot < 0) return null;
            var fork = Target(parts[i][..dot]);
            if (!InTarget(fork)) return null;
            parts[i] = fork + parts[i][dot..];
        }
        return string.Join('/', parts);
    }
}
