using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>What an instance carries between runs, stored as JSON on the instance row.</summary>
public sealed class InstanceState
{
    public JsonObject Variables { get; set; } = [];

    public JsonObject Input { get; set; } = [];

    /// <summary>The last domain result or event payload, as expressions see it (<c>lastResult</c>).</summary>
    public JsonNode? LastResult { get; set; }

    /// <summary>WaitAll joins: the branches that have arrived so far.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = [];

    /// <summary>WaitAny joins that have already continued.</summary>
    public HashSet<string> FiredJoins { get; set; } = [];

    /// <summary>Where a faulted run stopped, so a retry resumes there.</summary>
    public string? FaultedActivityId { get; set; }

    public string? FaultedArrivedFrom { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, ElsaJson.Options);

    public static InstanceState FromJson(string json) => JsonSerializer.Deserialize<InstanceState>(json, ElsaJson.Options) ?? new InstanceState();
}
