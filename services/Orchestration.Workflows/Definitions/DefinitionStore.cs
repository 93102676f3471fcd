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

/// <summary>A save with <c>If-Match</c> whose ETag is no longer the latest version's (412).</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>
/// Versions of workflow definitions: saving changes the latest draft (or opens a new draft after a published version),
/// publishing makes the latest version the one new instances start on. Running instances keep their own version, which is
/// never edited again.
/// <para>
/// Definitions belong to a county (tenant). The procedures kept with the product form a read-only shared library: a county runs
/// the library's published version of a definition until its administrator saves, publishes or retracts a version of its own,
/// which from then on is the only one the county sees and runs. No county's action changes what another county runs.
/// </para>
/// </summary>
public sealed class DefinitionStore(WorkflowDbContext db, ActivityRegistry registry, CompiledDefinitions compiled, TimeProvider time, Orchestration.ServiceDefaults.Time.CountyClock clock)
{
    const string Shared = DefinitionTenancy.SharedLibrary;

    /// <summary>The version new instances of <paramref name="tenantId"/> start on: its own published one, else the library's.</summary>
    public async Task<WorkflowDefinitionRecord?> PublishedAsync(string definitionId, string tenantId, CancellationToken ct)
    {
        var versions = await VersionsAsync(definitionId, tenantId, ct);
        return versions.SingleOrDefault(d => d.IsPublished);
    }

    public Task<WorkflowDefinitionRecord?> VersionAsync(string versionId, CancellationToken ct) =>
        db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == versionId, ct);

    /// <summary>The versions of a definition the county sees: its own when it has any, else the shared library's.</summary>
    public async Task<List<WorkflowDefinitionRecord>> VersionsAsync(string definitionId, string tenantId, CancellationToken ct)
    {
        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && (d.TenantId == tenantId || d.TenantId == Shared)).OrderBy(d => d.Version).ToListAsync(ct);
        return versions.Any(v => v.TenantId == tenantId) ? versions.Where(v => v.TenantId == tenantId).ToList() : versions;
    }

    /// <summary>Every version the county sees (its own definitions, and the library's it has not replaced).</summary>
    public async Task<List<WorkflowDefinitionRecord>> VisibleAsync(string tenantId, CancellationToken ct)
    {
        var all = await db.Definitions.AsNoTracking().Where(d => d.TenantId == tenantId || d.TenantId == Shared).ToListAsync(ct);
        var own = all.Where(d => d.TenantId == tenantId && tenantId != Shared).Select(d => d.DefinitionId).ToHashSet();
        return all.Where(d => d.TenantId == tenantId || !own.Contains(d.DefinitionId)).ToList();
    }

    /// <summary>A version by id, if the county may read it: its own, or the shared library's (its instances may run on either).</summary>
    public Task<WorkflowDefinitionRecord?> ReadableVersionAsync(string versionId, string tenantId, CancellationToken ct) =>
        db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == versionId && (d.TenantId == tenantId || d.TenantId == Shared), ct);

    /// <summary>The ETag of a version: it changes with every save of the draft.</summary>
    public static string ETag(WorkflowDefinitionRecord version) => $"\"{version.Id}.{version.Revision}\"";

    /// <summary>
    /// Saves <paramref name="model"/> as the county's latest version of its definition (a new definition when it has none; a county's
    /// first version of a library definition continues the library's numbering) and publishes it when asked. Invalid definitions
    /// are refused with the problems of each activity. With <paramref name="ifMatch"/>, the save is refused (412) unless the
    /// latest version is still the one the caller read.
    /// </summary>
    public async Task<(WorkflowDefinitionRecord Definition, bool AlreadyPublished)> SaveAsync(JsonObject model, bool publish, string tenantId,
        CancellationToken ct, string? ifMatch = null)
    {
        ElsaJson.Normalize(model);
        var resolve = await CompositeResolver.LoadAsync(db, model, tenantId, ct);
        var problems = DefinitionValidator.Validate(model, registry, publishing: publish, resolve);
        if (problems.Count > 0) throw new InvalidDefinitionException(problems);
        PinComposites(model, resolve);

        var definitionId = model.Text("definitionId") is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N")[..16];
        var versions = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.TenantId == tenantId).OrderBy(d => d.Version).ToListAsync(ct);
        var library = tenantId == Shared || versions.Count > 0
            ? []
            : await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.TenantId == Shared).OrderBy(d => d.Version).ToListAsync(ct);
        var latest = versions.LastOrDefault(v => v.IsLatest);
        if (ifMatch is { Length: > 0 } && ifMatch.Trim() != "*" && (latest ?? library.LastOrDefault(v => v.IsLatest)) is { } seen && ETag(seen) != ifMatch.Trim())
            throw new PreconditionFailedException($"{definitionId} was changed since it was read (ETag {ETag(seen)}); read it again and save your changes on it.");

        WorkflowDefinitionRecord target;
        // A version some instance ran on is never edited: instances stay on the version they started on.
        if (latest is null || latest.IsPublished || await db.Instances.AnyAsync(i => i.DefinitionVersionId == latest.Id, ct))
        {
            if (latest is not null) latest.IsLatest = false;
            var version = Math.Max(versions.LastOrDefault()?.Version ?? 0, library.LastOrDefault()?.Version ?? 0) + 1;
            target = new WorkflowDefinitionRecord
            {
                Id = DefinitionTenancy.VersionId(definitionId, version, tenantId),
                DefinitionId = definitionId,
                TenantId = tenantId,
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
            target.Revision++;
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

    /// <summary>
    /// Publishes the county's latest version. A library definition the county has no version of is already published for it.
    /// </summary>
    public async Task<(WorkflowDefinitionRecord Definition, bool AlreadyPublished)> PublishAsync(string definitionId, string tenantId, CancellationToken ct)
    {
        var versions = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.TenantId == tenantId).ToListAsync(ct);
        if (versions.Count == 0)
            return (await PublishedAsync(definitionId, tenantId, ct) ?? throw new NotFoundException($"No workflow definition {definitionId}."), true);
        var latest = versions.SingleOrDefault(v => v.IsLatest) ?? throw new NotFoundException($"No workflow definition {definitionId}.");
        if (latest.IsPublished) return (latest, true);
        var model = JsonNode.Parse(latest.Json)!.AsObject();
        var resolve = await CompositeResolver.LoadAsync(db, model, tenantId, ct);
        var problems = DefinitionValidator.Validate(model, registry, publishing: true, resolve);
        if (problems.Count > 0) throw new InvalidDefinitionException(problems);
        if (PinComposites(model, resolve)) latest.Json = ElsaJson.Serialize(model);
        latest.Revision++;
        await PublishAsync(latest, versions, ct);
        return (latest, false);
    }

    /// <summary>
    /// Stops new instances of the definition in the county. Retracting a library definition gives the county an unpublished
    /// version of its own (a copy of the library's), so the library keeps running for every other county.
    /// </summary>
    public async Task<WorkflowDefinitionRecord> RetractAsync(string definitionId, string tenantId, CancellationToken ct)
    {
        var own = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.TenantId == tenantId).ToListAsync(ct);
        if (own.Count == 0 && tenantId != Shared
            && await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.TenantId == Shared && d.IsPublished, ct) is { } library)
        {
            var copy = new WorkflowDefinitionRecord
            {
                Id = DefinitionTenancy.VersionId(definitionId, library.Version + 1, tenantId), DefinitionId = definitionId, TenantId = tenantId,
                Version = library.Version + 1, Name = library.Name, Description = library.Description, IsLatest = true, IsPublished = false,
                Json = "", CreatedAt = time.GetUtcNow(),
            };
            var json = JsonNode.Parse(library.Json)!.AsObject();
            json["id"] = copy.Id;
            json["version"] = copy.Version;
            json["createdAt"] = copy.CreatedAt.ToString("O");
            copy.Json = ElsaJson.Serialize(json);
            copy.Json = WithFlags(copy);
            db.Definitions.Add(copy);
            return copy;
        }

        if (own.Count == 0) throw new NotFoundException($"No workflow definition {definitionId}.");
        var published = own.SingleOrDefault(d => d.IsPublished) ?? throw new StateConflictException($"{definitionId} has no published version.");
        published.IsPublished = false;
        published.Revision++;
        published.Json = WithFlags(published);
        db.Triggers.RemoveRange(await db.Triggers.Where(t => t.DefinitionId == definitionId && t.TenantId == tenantId).ToListAsync(ct));
        return published;
    }

    /// <summary>
    /// Deletes the county's versions of a definition (the county runs the library's again, if it has one). Refused while an
    /// unfinished instance runs on one of them, and for the shared library.
    /// </summary>
    public async Task<int> DeleteAsync(string definitionId, string tenantId, CancellationToken ct)
    {
        var ids = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.TenantId == tenantId).Select(d => d.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            if (tenantId != Shared && await db.Definitions.AnyAsync(d => d.DefinitionId == definitionId && d.TenantId == Shared, ct))
                throw new StateConflictException($"{definitionId} is a procedure of the shared library: retract it to stop it in your county, or save a version of your own.");
            return 0;
        }
        var unfinished = await db.Instances.CountAsync(i => ids.Contains(i.DefinitionVersionId)
            && i.Status != WorkflowStatus.Finished && i.Status != WorkflowStatus.Cancelled, ct);
        if (unfinished > 0)
            throw new StateConflictException($"{unfinished} unfinished instance(s) run on {definitionId}; let them finish or cancel them before deleting it.");

        await db.Triggers.Where(t => t.DefinitionId == definitionId && t.TenantId == tenantId).ExecuteDeleteAsync(ct);
        var deleted = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.TenantId == tenantId).ExecuteDeleteAsync(ct);
        compiled.Forget(ids);
        return deleted;
    }

    /// <summary>
    /// Makes a new latest draft of the county's definition from its version <paramref name="version"/> (Elsa's revert): the versions
    /// in between stay, and instances stay on the version they started on.
    /// </summary>
    public async Task<WorkflowDefinitionRecord> RevertAsync(string definitionId, int version, string tenantId, CancellationToken ct)
    {
        var source = await db.Definitions.AsNoTracking()
                         .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.TenantId == tenantId && d.Version == version, ct)
                     ?? throw new NotFoundException($"No version {version} of {definitionId}.");
        var (reverted, _) = await SaveAsync(JsonNode.Parse(source.Json)!.AsObject(), publish: false, tenantId, ct);
        return reverted;
    }

    /// <summary>
    /// Deletes one version of the county's definition. Refused for the published version, for a version an instance ran on (its
    /// record names it, C1) and for the only version (delete the definition instead); deleting the latest makes the one before latest.
    /// </summary>
    public async Task DeleteVersionAsync(string versionId, string tenantId, CancellationToken ct)
    {
        var version = await db.Definitions.SingleOrDefaultAsync(d => d.Id == versionId && d.TenantId == tenantId, ct)
                      ?? throw new NotFoundException($"No workflow definition version {versionId}.");
        if (version.IsPublished)
            throw new StateConflictException($"Version {version.Version} of {version.DefinitionId} is the published one: publish another or retract it first.");
        if (await db.Instances.AnyAsync(i => i.DefinitionVersionId == version.Id, ct))
            throw new StateConflictException($"Instances ran on version {version.Version} of {version.DefinitionId}: their record names it, so it is kept.", "C1");
        var others = await db.Definitions.Where(d => d.DefinitionId == version.DefinitionId && d.TenantId == tenantId && d.Id != version.Id)
            .OrderBy(d => d.Version).ToListAsync(ct);
        if (others.Count == 0)
            throw new StateConflictException($"Version {version.Version} is the only version of {version.DefinitionId}: delete the definition instead.");
        if (version.IsLatest)
        {
            var previous = others[^1];
            previous.IsLatest = true;
            previous.Json = WithFlags(previous);
        }
        db.Definitions.Remove(version);
        compiled.Forget([version.Id]);
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

        db.Triggers.RemoveRange(await db.Triggers.Where(t => t.DefinitionId == target.DefinitionId && t.TenantId == target.TenantId).ToListAsync(ct));
        db.Triggers.AddRange(TriggerIndex.For(target, Flowchart.Parse(JsonNode.Parse(target.Json)!.AsObject()), time.GetUtcNow(), clock.Zone(target.TenantId == DefinitionTenancy.SharedLibrary ? null : target.TenantId)));
    }

    /// <summary>
    /// A workflow used as an activity runs at the version the activity names: the version it was resolved to is written into the
    /// activity (<c>workflowDefinitionVersionId</c>, as Elsa's designer does), so every server runs the same one. True when one changed.
    /// </summary>
    static bool PinComposites(JsonObject model, Func<JsonObject, JsonObject?> resolve)
    {
        var changed = false;
        foreach (var activity in Flowchart.ActivityObjects(model))
        {
            if (Flowchart.CompositeDefinitionId(activity) is null || resolve(activity) is not { } definition || definition.Text("id") is not { } versionId) continue;
            if (activity.Text("workflowDefinitionVersionId") == versionId) continue;
            activity["workflowDefinitionVersionId"] = versionId;
            activity["latestAvailablePublishedVersionId"] = versionId;
            activity["latestAvailablePublishedVersion"] = definition["version"]?.DeepClone();
            changed = true;
        }
        return changed;
    }

    /// <summary>Keeps the stored JSON's flags in step with the columns.</summary>
    static string WithFlags(WorkflowDefinitionRecord record)
    {
        var json = JsonNode.Parse(record.Json)!.AsObject();
        json["isPublished"] = record.IsPublished;
        json["isLatest"] = record.IsLatest;
        return ElsaJson.Serialize(json);
    }

    /// <summary>
    /// Loads every <c>*.json</c> of <paramref name="directory"/> whose definition is not in the shared library yet, as the library's
    /// published version.
    /// </summary>
    public async Task<int> SeedAsync(string directory, CancellationToken ct)
    {
        var added = 0;
        foreach (var file in Directory.GetFiles(directory, "*.json").Order())
        {
            var model = JsonNode.Parse(await File.ReadAllTextAsync(file, ct))?.AsObject()
                        ?? throw new InvalidDataException($"{file} is empty.");
            var definitionId = model.Text("definitionId") ?? throw new InvalidDataException($"{file} has no definitionId.");
            if (await db.Definitions.AnyAsync(d => d.DefinitionId == definitionId && d.TenantId == Shared, ct)) continue;
            try
            {
                await SaveAsync(model, publish: true, Shared, ct);
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
