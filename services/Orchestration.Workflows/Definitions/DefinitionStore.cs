using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Http;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Definitions;

/// <summary>Thrown when a definition the runtime could not run is saved or published.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : RequestValidationException("The workflow definition is not valid: " + string.Join(" ", problems.Select(p => p.Message)),
        problems.GroupBy(p => p.ActivityId is null ? "root" : $"activities.{p.ActivityId}").ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}

/// <summary>
/// Versions of workflow definitions: saving changes the latest draft (or opens a new draft after a published version),
/// publishing makes the latest version the one new instances start on. Running instances keep their own version, which is
/// never edited again.
/// </summary>
public sealed class DefinitionStore(WorkflowDbContext db, ActivityRegistry registry, CompiledDefinitions compiled, TimeProvider time, Orchestration.ServiceDefaults.Time.CountyClock clock)
{
    public Task<WorkflowDefinitionRecord?> PublishedAsync(string definitionId, CancellationToken ct) =>
        db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, ct);

    public Task<WorkflowDefinitionRecord?> VersionAsync(string versionId, CancellationToken ct) =>
        db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == versionId, ct);

    public Task<List<WorkflowDefinitionRecord>> VersionsAsync(string definitionId, CancellationToken ct) =>
        db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(ct);

    /// <summary>
    /// Saves <paramref name="model"/> as the latest version of its definition (a new definition when it has none) and publishes it
    /// when asked. Invalid definitions are refused with the problems of each activity.
    /// </summary>
    public async Task<(WorkflowDefinitionRecord Definition, bool AlreadyPublished)> SaveAsync(JsonObject model, bool publish, CancellationToken ct)
    {
        ElsaJson.Normalize(model);
        var problems = DefinitionValidator.Validate(model, registry);
        if (problems.Count > 0) throw new InvalidDefinitionException(problems);

        var definitionId = model.Text("definitionId") is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N")[..16];
        var versions = await db.Definitions.Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(ct);
        var latest = versions.LastOrDefault(v => v.IsLatest);
        WorkflowDefinitionRecord target;
        // A version some instance ran on is never edited: instances stay on the version they started on.
        if (latest is null || latest.IsPublished || await db.Instances.AnyAsync(i => i.DefinitionVersionId == latest.Id, ct))
        {
            if (latest is not null) latest.IsLatest = false;
            var version = (versions.LastOrDefault()?.Version ?? 0) + 1;
            target = new WorkflowDefinitionRecord
            {
                Id = $"{definitionId}-v{version}",
                DefinitionId = definitionId,
                Version = version,
                Name = "",
                IsLatest = true,
                Json = "",
                CreatedAt = time.GetUtcNow(),
            };
            db.Definitions.Add(target);
        }
        else
        {
            target = latest;
        }

        model["definitionId"] = definitionId;
        model["id"] = target.Id;
        model["version"] = target.Version;
        model["isLatest"] = true;
        model["isPublished"] = target.IsPublished;
        model["createdAt"] = target.CreatedAt.ToString("O");
        model["toolVersion"] ??= "3.8.0.0";
        model.Remove("links");
        target.Name = model.Text("name") is { Length: > 0 } name ? name : definitionId;
        target.Description = model.Text("description");
        target.Json = ElsaJson.Serialize(model);

        var alreadyPublished = target.IsPublished;
        if (publish && !alreadyPublished) await PublishAsync(target, versions, ct);
        return (target, alreadyPublished);
    }

    public async Task<(WorkflowDefinitionRecord Definition, bool AlreadyPublished)> PublishAsync(string definitionId, CancellationToken ct)
    {
        var versions = await db.Definitions.Where(d => d.DefinitionId == definitionId).ToListAsync(ct);
        var latest = versions.SingleOrDefault(v => v.IsLatest) ?? throw new NotFoundException($"No workflow definition {definitionId}.");
        if (latest.IsPublished) return (latest, true);
        var problems = DefinitionValidator.Validate(JsonNode.Parse(latest.Json)!.AsObject(), registry);
        if (problems.Count > 0) throw new InvalidDefinitionException(problems);
        await PublishAsync(latest, versions, ct);
        return (latest, false);
    }

    public async Task<WorkflowDefinitionRecord> RetractAsync(string definitionId, CancellationToken ct)
    {
        var published = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, ct)
                        ?? throw new StateConflictException($"{definitionId} has no published version.");
        published.IsPublished = false;
        published.Json = WithFlags(published);
        db.Triggers.RemoveRange(await db.Triggers.Where(t => t.DefinitionId == definitionId).ToListAsync(ct));
        return published;
    }

    public async Task<int> DeleteAsync(string definitionId, CancellationToken ct)
    {
        await db.Triggers.Where(t => t.DefinitionId == definitionId).ExecuteDeleteAsync(ct);
        var deleted = await db.Definitions.Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(ct);
        compiled.Forget(definitionId);
        return deleted;
    }

    /// <summary>Makes <paramref name="target"/> the published version and its trigger activities the definition's triggers.</summary>
    async Task PublishAsync(WorkflowDefinitionRecord target, IEnumerable<WorkflowDefinitionRecord> versions, CancellationToken ct)
    {
        foreach (var other in versions.Where(v => v.IsPublished && v != target))
        {
            other.IsPublished = false;
            other.Json = WithFlags(other);
        }
        target.IsPublished = true;
        target.IsLatest = true;
        target.Json = WithFlags(target);

        db.Triggers.RemoveRange(await db.Triggers.Where(t => t.DefinitionId == target.DefinitionId).ToListAsync(ct));
        db.Triggers.AddRange(TriggerIndex.For(target, Flowchart.Parse(JsonNode.Parse(target.Json)!.AsObject()), time.GetUtcNow(), clock.Zone()));
    }

    /// <summary>Keeps the stored JSON's flags in step with the columns.</summary>
    static string WithFlags(WorkflowDefinitionRecord record)
    {
        var json = JsonNode.Parse(record.Json)!.AsObject();
        json["isPublished"] = record.IsPublished;
        json["isLatest"] = record.IsLatest;
        return ElsaJson.Serialize(json);
    }

    /// <summary>Loads every <c>*.json</c> of <paramref name="directory"/> whose definition is not stored yet, as a published version.</summary>
    public async Task<int> SeedAsync(string directory, CancellationToken ct)
    {
        var added = 0;
        foreach (var file in Directory.GetFiles(directory, "*.json").Order())
        {
            var model = JsonNode.Parse(await File.ReadAllTextAsync(file, ct))?.AsObject()
                        ?? throw new InvalidDataException($"{file} is empty.");
            var definitionId = model.Text("definitionId") ?? throw new InvalidDataException($"{file} has no definitionId.");
            if (await db.Definitions.AnyAsync(d => d.DefinitionId == definitionId, ct)) continue;
            try
            {
                await SaveAsync(model, publish: true, ct);
            }
            catch (InvalidDefinitionException ex)
            {
                throw new InvalidDataException($"{Path.GetFileName(file)}: {ex.Message}", ex);
            }
            await db.SaveChangesAsync(ct);
            added++;
        }
        return added;
    }
}
