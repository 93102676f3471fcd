using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.ElsaApi;

/// <summary>Elsa's <c>versionOptions</c>: Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions, or a number.</summary>
internal static class VersionOptions
{
    public static IEnumerable<WorkflowDefinitionRecord> Pick(IEnumerable<WorkflowDefinitionRecord> versionsOfOneDefinition, string? options)
    {
        var versions = versionsOfOneDefinition.OrderBy(v => v.Version).ToList();
        return (options ?? "") switch
        {
            "Latest" => versions.Where(v => v.IsLatest),
            "Published" => versions.Where(v => v.IsPublished),
            "" or "LatestOrPublished" => versions.Where(v => v.IsPublished).Concat(versions.Where(v => v.IsLatest)).Take(1),
            "LatestAndPublished" => versions.Where(v => v.IsLatest && v.IsPublished),
            "Draft" => versions.Where(v => v.IsLatest && !v.IsPublished),
            "AllVersions" => versions,
            var number when int.TryParse(number, out var version) => versions.Where(v => v.Version == version),
            _ => versions.Where(v => v.IsLatest),
        };
    }
}
