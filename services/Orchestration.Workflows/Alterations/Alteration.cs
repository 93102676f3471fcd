using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Http;

namespace Orchestration.Workflows.Alterations;

/// <summary>
/// One change to a running instance, as Elsa 3's alterations name them (<c>type</c>: <c>Migrate</c>, <c>ModifyVariable</c>,
/// <c>ScheduleActivity</c>, <c>CancelActivity</c>). A plan applies its alterations in order to each instance it selects; an instance
/// takes all of them or none.
/// </summary>
public abstract record Alteration
{
    /// <summary>Reads a plan's <c>alterations</c>; a missing or unknown type is refused naming <c>alterations[i]</c>.</summary>
    public static IReadOnlyList<Alteration> Parse(JsonArray? alterations)
    {
        if (alterations is not { Count: > 0 })
            throw Invalid("alterations", "Name at least one alteration: Migrate, ModifyVariable, ScheduleActivity or CancelActivity.");
        var parsed = new List<Alteration>();
        for (var i = 0; i < alterations.Count; i++)
        {
            var field = $"alterations[{i}]";
            if (alterations[i] is not JsonObject alteration) throw Invalid(field, "An alteration is an object with a type.");
            parsed.Add(Text(alteration, "type") switch
            {
                "Migrate" => MigrateAlteration.Read(alteration, field),
                "ModifyVariable" => new ModifyVariableAlteration(
                    Text(alteration, "variableId") ?? Text(alteration, "variableName") ?? Text(alteration, "name")
                    ?? throw Invalid($"{field}.variableId", "Name the variable to change."),
                    alteration["value"]?.DeepClone()),
                "ScheduleActivity" => new ScheduleActivityAlteration(Text(alteration, "activityId") ?? throw Invalid($"{field}.activityId", "Name the activity to schedule.")),
                "CancelActivity" => new CancelActivityAlteration(Text(alteration, "activityId") ?? throw Invalid($"{field}.activityId", "Name the activity to cancel.")),
                var other => throw Invalid($"{field}.type", other is null
                    ? "An alteration needs a type."
                    : $"{other} is not an alteration this server applies: Migrate, ModifyVariable, ScheduleActivity or CancelActivity."),
            });
        }
        return parsed;
    }

    internal static string? Text(JsonObject json, string name) =>
        json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue value
        && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    internal static RequestValidationException Invalid(string field, string message) =>
        new("The alteration plan could not be read.", new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// Moves an instance to another version of its definition. Each activity it waits at keeps its id unless <see cref="ActivityIdMap"/>
/// names the activity of the target version that takes over (a step split in two maps to the half that waits the same way);
/// <see cref="VariableMap"/> renames variables. An instance whose waiting activity the target version lacks, unmapped, cannot move.
/// </summary>
public sealed record MigrateAlteration(int TargetVersion, IReadOnlyDictionary<string, string> ActivityIdMap, IReadOnlyDictionary<string, string> VariableMap)
    : Alteration
{
    internal static MigrateAlteration Read(JsonObject json, string field)
    {
        var version = json.FirstOrDefault(p => string.Equals(p.Key, "targetVersion", StringComparison.OrdinalIgnoreCase)).Value;
        if (version is not JsonValue value || !value.TryGetValue<int>(out var target) || target < 1)
            throw Invalid($"{field}.targetVersion", "Name the version to migrate to (a number from 1).");
        return new MigrateAlteration(target, Map(json, "activityIdMap", field), Map(json, "variableMap", field));
    }

    static Dictionary<string, string> Map(JsonObject json, string name, string field)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value)
        {
            case null:
                return map;
            case JsonObject pairs:
                foreach (var (from, to) in pairs)
                {
                    if (to is not JsonValue target || !target.TryGetValue<string>(out var id) || string.IsNullOrWhiteSpace(id))
                        throw Invalid($"{field}.{name}.{from}", "Map each id to the id it becomes in the target version.");
                    map[from] = id.Trim();
                }
                return map;
            default:
                throw Invalid($"{field}.{name}", "An object from the ids of the instance's version to those of the target version.");
        }
    }
}

/// <summary>Sets a variable of the instance (by name) to a value.</summary>
public sealed record ModifyVariableAlteration(string Variable, JsonNode? Value) : Alteration;

/// <summary>Runs an activity of the instance's version now, as if the flow had reached it.</summary>
public sealed record ScheduleActivityAlteration(string ActivityId) : Alteration;

/// <summary>Stops waiting at an activity: its bookmarks are removed; an instance that then waits for nothing is finished.</summary>
public sealed record CancelActivityAlteration(string ActivityId) : Alteration;
