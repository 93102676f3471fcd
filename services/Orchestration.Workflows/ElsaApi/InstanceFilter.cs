using Orchestration.Workflows.Runtime;
using static Orchestration.Workflows.ElsaApi.ElsaInstancesApi;

namespace Orchestration.Workflows.ElsaApi;

/// <summary>
/// The Studio's instance list filters over the county's instances: definition, version, Elsa status and sub-status, correlation
/// (the cadre's id or the instance's), a search term (name, instance or cadre id), incidents, timestamp bounds; ordered and paged.
/// </summary>
internal static class InstanceFilter
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The instances <paramref name="query"/> asks for. A search term that is not an id matches the procedure's name, its
    /// definition, or the name of its cadre among <paramref name="cadreNames"/> (the county's, from the cadres' files).
    /// </summary>
    public static IQueryable<WorkflowInstance> Apply(IQueryable<WorkflowInstance> instances, InstanceQuery query, IQueryable<Records.CadreName> cadreNames)
    {
        if (query.DefinitionId is { Length: > 0 } definitionId) instances = instances.Where(i => i.DefinitionId == definitionId);
        if (query.DefinitionIds is { Length: > 0 } definitionIds) instances = instances.Where(i => definitionIds.Contains(i.DefinitionId));
        if (query.Version is { } version) instances = instances.Where(i => i.Version == version);
        if (query.HasIncidents is { } hasIncidents) instances = instances.Where(i => (i.IncidentCount > 0) == hasIncidents);

        var statuses = Matching(query.Status, query.Statuses, s => ElsaStatus(s).Status);
        if (statuses is not null) instances = instances.Where(i => statuses.Contains(i.Status));
        var subStatuses = Matching(query.SubStatus, query.SubStatuses, s => ElsaStatus(s).SubStatus);
        if (subStatuses is not null) instances = instances.Where(i => subStatuses.Contains(i.Status));

        if (query.CorrelationId is { Length: > 0 } correlation)
            instances = Guid.TryParse(correlation, out var id) ? instances.Where(i => i.CadreId == id || (i.CadreId == null && i.Id == id)) : instances.Where(_ => false);
        if (query.SearchTerm?.Trim() is { Length: > 0 } term)
            instances = Guid.TryParse(term, out var id)
                ? instances.Where(i => i.Id == id || i.CadreId == id)
                : instances.Where(i => i.Name.Contains(term) || i.DefinitionId.Contains(term)
                                       || (i.CadreId != null && cadreNames.Any(n => n.CadreId == i.CadreId && n.Name.Contains(term))));

        foreach (var filter in query.TimestampFilters ?? [])
        {
            if (filter.Timestamp is not { } at) continue;
            instances = (filter.Column?.ToLowerInvariant(), filter.Operator?.ToLowerInvariant()) switch
            {
                ("createdat", "greaterthan") => instances.Where(i => i.CreatedAt > at),
                ("createdat", "greaterthanorequal") => instances.Where(i => i.CreatedAt >= at),
                ("createdat", "lessthan") => instances.Where(i => i.CreatedAt < at),
                ("createdat", "lessthanorequal") => instances.Where(i => i.CreatedAt <= at),
                ("updatedat", "greaterthan") => instances.Where(i => i.UpdatedAt > at),
                ("updatedat", "greaterthanorequal") => instances.Where(i => i.UpdatedAt >= at),
                ("updatedat", "lessthan") => instances.Where(i => i.UpdatedAt < at),
                ("updatedat", "lessthanorequal") => instances.Where(i => i.UpdatedAt <= at),
                ("finishedat", "greaterthan") => instances.Where(i => i.FinishedAt > at),
                ("finishedat", "greaterthanorequal") => instances.Where(i => i.FinishedAt >= at),
                ("finishedat", "lessthan") => instances.Where(i => i.FinishedAt < at),
                ("finishedat", "lessthanorequal") => instances.Where(i => i.FinishedAt <= at),
                _ => throw new Orchestration.ServiceDefaults.Http.RequestValidationException(
                    $"Timestamp filter {filter.Column} {filter.Operator} is not one of CreatedAt, UpdatedAt, FinishedAt with GreaterThan(OrEqual) or LessThan(OrEqual).",
                    new Dictionary<string, string[]> { ["timestampFilters"] = ["Unknown column or operator."] }),
            };
        }
        return instances;
    }

    public static IQueryable<WorkflowInstance> Order(IQueryable<WorkflowInstance> instances, InstanceQuery? query)
    {
        var ascending = string.Equals(query?.OrderDirection, "Ascending", StringComparison.OrdinalIgnoreCase);
        return query?.OrderBy?.ToLowerInvariant() switch
        {
            "updated" => ascending ? instances.OrderBy(i => i.UpdatedAt) : instances.OrderByDescending(i => i.UpdatedAt),
            "finished" => ascending ? instances.OrderBy(i => i.FinishedAt) : instances.OrderByDescending(i => i.FinishedAt),
            "name" => ascending ? instances.OrderBy(i => i.Name) : instances.OrderByDescending(i => i.Name),
            _ => ascending ? instances.OrderBy(i => i.CreatedAt) : instances.OrderByDescending(i => i.CreatedAt),
        };
    }

    /// <summary>The page asked for, its size between 1 and <see cref="MaxPageSize"/> (10 when not given).</summary>
    public static (int Page, int Size) Page(InstanceQuery? query) =>
        (Math.Max(0, query?.Page ?? 0), Math.Clamp(query?.PageSize ?? 10, 1, MaxPageSize));

    /// <summary>Our statuses whose Elsa name (by <paramref name="name"/>) is one asked for; null when none was asked.</summary>
    static WorkflowStatus[]? Matching(string? one, string[]? many, Func<WorkflowStatus, string> name)
    {
        var asked = (many ?? []).Append(one).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return asked.Count == 0 ? null : [.. Enum.GetValues<WorkflowStatus>().Where(s => asked.Contains(name(s)))];
    }
}
