using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>What an instance carries between runs, stored as JSON on the instance row.</summary>
public sealed class InstanceState
{
    public JsonObject Variables { get; set; } = [];

    public JsonObject Input { get; set; } = [];

    /// <summary>The last domain result or event payload of the main path, as expressions see it (<c>getLastResult()</c>).</summary>
    public JsonNode? LastResult { get; set; }

    /// <summary>
    /// The last result of each forked branch (keyed by its branch token): a branch sees its own, never a sibling's. A branch
    /// starts with the result of the path it was forked from.
    /// </summary>
    public Dictionary<string, JsonNode?> BranchResults { get; set; } = [];

    /// <summary>WaitAll joins: the branches that have arrived so far.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = [];

    /// <summary>Activities with several inbound connections (implicit joins): the sources that have arrived on this pass.</summary>
    public Dictionary<string, List<string>> MergeArrivals { get; set; } = [];

    /// <summary>
    /// The outputs of activities that declare outputs (activity id → output name → value), for <c>getOutputFrom</c>: only those,
    /// so the state stays small.
    /// </summary>
    public Dictionary<string, JsonObject> ActivityOutputs { get; set; } = [];

    /// <summary>The workflow's own outputs (<c>SetOutput</c> at the top level).</summary>
    public JsonObject Output { get; set; } = [];

    /// <summary>What <c>Correlate</c> set; the instance id when null.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Running workflows-used-as-activities (by the composite's activity id): their own variables, input and output.</summary>
    public Dictionary<string, CompositeState> Composites { get; set; } = [];

    /// <summary>ForEach loops under way: the items and the index of the item the body runs for.</summary>
    public Dictionary<string, LoopState> Loops { get; set; } = [];

    /// <summary>
    /// Variables local to a branch (keyed by its token): each ParallelForEach iteration's <c>CurrentValue</c> and <c>CurrentIndex</c>.
    /// A step sees those of its branch and of the branches it was forked from.
    /// </summary>
    public Dictionary<string, JsonObject> BranchVariables { get; set; } = [];

    /// <summary>The branch-local variables a step on <paramref name="branch"/> sees, innermost first.</summary>
    public IReadOnlyList<JsonObject> LocalsOf(string branch)
    {
        if (BranchVariables.Count == 0) return [];
        var locals = new List<JsonObject>();
        for (var token = branch; token.Length > 0; token = Branches.Parent(token))
            if (BranchVariables.TryGetValue(token, out var own)) locals.Add(own);
        return locals;
    }

    /// <summary>Where a faulted run stopped, so a retry resumes there.</summary>
    public string? FaultedActivityId { get; set; }

    public string? FaultedArrivedFrom { get; set; }

    public string? FaultedBranch { get; set; }

    /// <summary>What <c>getLastResult()</c> answers on <paramref name="branch"/> (the main path is the empty token).</summary>
    public JsonNode? ResultOf(string branch)
    {
        for (var token = branch; token.Length > 0; token = Branches.Parent(token))
            if (BranchResults.TryGetValue(token, out var result)) return result;
        return LastResult;
    }

    public void SetResult(string branch, JsonNode? result)
    {
        if (branch.Length == 0) LastResult = result;
        else BranchResults[branch] = result;
    }

    /// <summary>Every branch of a fork is over (joined): results of tokens starting with <paramref name="forkPrefix"/> are forgotten.</summary>
    public void EndFork(string forkPrefix)
    {
        foreach (var key in BranchResults.Keys.Where(k => k.StartsWith(forkPrefix, StringComparison.Ordinal)).ToList()) BranchResults.Remove(key);
    }

    /// <summary>A branch is over (ended): its result is forgotten.</summary>
    public void EndBranch(string branch)
    {
        foreach (var key in BranchResults.Keys.Where(k => k == branch || k.StartsWith(branch + "/", StringComparison.Ordinal)).ToList())
            BranchResults.Remove(key);
    }

    public string ToJson() => JsonSerializer.Serialize(this, ElsaJson.Options);

    public static InstanceState FromJson(string json) => JsonSerializer.Deserialize<InstanceState>(json, ElsaJson.Options) ?? new InstanceState();
}

/// <summary>The variables, input and output of one running workflow-used-as-activity.</summary>
public sealed class CompositeState
{
    public JsonObject Variables { get; set; } = [];

    public JsonObject Input { get; set; } = [];

    public JsonObject Output { get; set; } = [];
}

/// <summary>A ForEach under way: the items it read when it started and the index the body runs for.</summary>
public sealed class LoopState
{
    public JsonArray Items { get; set; } = [];

    public int Index { get; set; }
}

/// <summary>
/// Branch tokens: the main path is empty; a fork gives each of its ports a child token (<c>parent/fork.port</c>) that every step
/// downstream carries until a join returns to the parent.
/// </summary>
public static class Branches
{
    public const string Main = "";

    public static string Child(string parent, string forkId, string port) => $"{parent}/{forkId}.{port}";

    public static string Parent(string branch) => branch.LastIndexOf('/') is var i and >= 0 ? branch[..i] : Main;

    /// <summary>
    /// The branch <paramref name="forkId"/> gave the step on <paramref name="branch"/> (<c>parent/forkId.port</c>, however deep the step
    /// has forked since), or null when the step is not on one of its branches.
    /// </summary>
    public static string? OwnBranch(string branch, string forkId)
    {
        var marker = "/" + forkId + ".";
        var at = branch.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var end = branch.IndexOf('/', at + marker.Length);
        return end < 0 ? branch : branch[..end];
    }
}
