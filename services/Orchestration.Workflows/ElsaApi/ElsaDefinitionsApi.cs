using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.ElsaApi;

/// <summary>
/// The definitions part of Elsa's REST API that Elsa Studio 3.8 calls, backed by the runtime's definition store. Only
/// administrators may change definitions: for anyone else the <c>publish</c> link is left out (the Studio then opens the
/// designer read-only) and writes are refused with 403. Each county sees and changes its own definitions and reads the shared
/// library's (<see cref="DefinitionStore"/>); saves answer 412 to a stale <c>If-Match</c> and 409 to a save that lost a race.
/// </summary>
internal static class ElsaDefinitionsApi
{
    static async Task<JsonObject> ImportedModel(Stream stream, string fileName, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(stream, cancellationToken: ct) as JsonObject
                   ?? throw new RequestValidationException($"{fileName} holds no definition.", new Dictionary<string, string[]> { ["files"] = [fileName] });
        }
        catch (System.Text.Json.JsonException)
        {
            throw new RequestValidationException($"{fileName} is not a JSON definition.", new Dictionary<string, string[]> { ["files"] = [fileName] });
        }
    }

    /// <summary>
    /// The county's own toolbox entries: each published workflow usable as an activity (<c>options.usableAsActivity</c>), named after
    /// the workflow, with its inputs, outputs and outcomes; and a "missing activity" entry for each unknown type its definitions hold,
    /// so the designer draws those nodes (labelled as missing) instead of failing.
    /// </summary>
    static async Task<List<JsonObject>> CountyDescriptorsAsync(ActivityRegistry registry, DefinitionStore store, string tenantId, CancellationToken ct)
    {
        var found = new List<JsonObject>();
        var known = new HashSet<string>(registry.All.Select(t => t.TypeName), StringComparer.Ordinal);
        var versions = await store.VisibleAsync(tenantId, ct);
        foreach (var version in versions.Where(v => v.IsPublished))
        {
            var json = JsonNode.Parse(version.Json)!.AsObject();
            if (json["options"]?["usableAsActivity"] is not JsonValue usable || !usable.TryGetValue<bool>(out var yes) || !yes) continue;
            var typeName = new string(version.Name.Where(char.IsLetterOrDigit).ToArray()) is { Length: > 0 } pascal ? pascal : version.DefinitionId;
            if (!known.Add(typeName)) continue;
            var outcomes = (json["outcomes"] as JsonArray ?? []).Select(o => o?.GetValue<string>()).OfType<string>().ToList();
            var descriptor = Descriptors.Activity($"Workflows.{typeName}", "Workflows", version.Name, version.Description,
                (json["inputs"] as JsonArray ?? []).OfType<JsonObject>().Where(i => i.Text("name") is not null)
                    .Select(i => Descriptors.Input(i.Text("name")!, i.Text("type") ?? "Object", i.Text("uiHint") ?? "singleline", i.Text("displayName"), i.Text("description"))),
                ports: outcomes.Count > 0 ? outcomes : ["Done"],
                outputs: (json["outputs"] as JsonArray ?? []).OfType<JsonObject>().Where(o => o.Text("name") is not null)
                    .Select(o => Descriptors.Output(o.Text("name")!, o.Text("type") ?? "Object")));
            descriptor["typeName"] = typeName;
            descriptor["name"] = typeName;
            descriptor["constructionProperties"] = new JsonObject
            {
                ["workflowDefinitionId"] = version.DefinitionId, ["workflowDefinitionVersionId"] = version.Id,
                ["latestAvailablePublishedVersion"] = version.Version, ["latestAvailablePublishedVersionId"] = version.Id,
            };
            found.Add(descriptor);
        }
        foreach (var version in versions.Where(v => v.IsLatest || v.IsPublished))
            foreach (var activity in Flowchart.ActivityObjects(JsonNode.Parse(version.Json)!.AsObject()))
                if (activity.Text("type") is { Length: > 0 } type && Flowchart.CompositeDefinitionId(activity) is null && known.Add(type))
                {
                    var missing = Descriptors.Activity(type.Contains('.') ? type : "Missing." + type, "Missing", $"Missing: {type}",
                        $"Type '{type}' is not known to this server. The activity is kept as it was imported; replace or remove it before publishing.");
                    missing["typeName"] = type;
                    found.Add(missing);
                }
        return found;
    }

    /// <summary>The definitions a bulk action of the definition list applies to.</summary>
    public sealed record BulkRequest(string[]? DefinitionIds);

    public static void Map(RouteGroupBuilder api)
    {
        var definitions = api.MapGroup("/workflow-definitions");

        api.MapGet("/descriptors/activities", async (ActivityRegistry registry, DefinitionStore store, HttpContext http, CancellationToken ct) =>
        {
            var items = registry.Descriptors();
            foreach (var descriptor in await CountyDescriptorsAsync(registry, store, http.User.TenantId(), ct)) items.Add(descriptor);
            return new { items, count = items.Count };
        });

        definitions.MapGet("/by-definition-id/{definitionId}", async (string definitionId, string? versionOptions, DefinitionStore store, HttpContext http,
            CancellationToken ct) =>
        {
            var versions = await store.VersionsAsync(definitionId, http.User.TenantId(), ct);
            return VersionOptions.Pick(versions, string.IsNullOrEmpty(versionOptions) ? "Latest" : versionOptions).FirstOrDefault() is { } found
                ? Versioned(found, http)
                : Results.NotFound();
        });

        definitions.MapGet("/by-id/{id}", async (string id, DefinitionStore store, HttpContext http, CancellationToken ct) =>
            await store.ReadableVersionAsync(id, http.User.TenantId(), ct) is { } found
                ? Versioned(found, http)
                : Results.NotFound());

        definitions.MapGet("/many-by-id", async (HttpContext http, WorkflowDbContext db, CancellationToken ct) =>
        {
            var ids = http.Request.Query["ids"].Concat(http.Request.Query["Ids"]).ToList();
            var tenant = http.User.TenantId();
            var found = await db.Definitions.AsNoTracking()
                .Where(d => ids.Contains(d.Id) && (d.TenantId == tenant || d.TenantId == DefinitionTenancy.SharedLibrary)).ToListAsync(ct);
            return Results.Json(new { items = found.Select(d => WithLinks(d, http.User)), count = found.Count }, ElsaJsonResults.Options);
        });

        definitions.MapGet("/", async (HttpContext http, DefinitionStore store, WorkflowDbContext db, CountyClock clock, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            var tenant = http.User.TenantId();
            var all = await store.VisibleAsync(tenant, ct);
            IEnumerable<WorkflowDefinitionRecord> items;
            if (query["Ids"].Count + query["ids"].Count > 0)
            {
                var ids = query["Ids"].Concat(query["ids"]).ToHashSet();
                // The instance list asks by version id: the county's instances may run on library versions it has since replaced.
                var readable = await db.Definitions.AsNoTracking()
                    .Where(d => ids.Contains(d.Id) && (d.TenantId == tenant || d.TenantId == DefinitionTenancy.SharedLibrary)).ToListAsync(ct);
                items = readable;
            }
            else
            {
                items = all.GroupBy(d => d.DefinitionId).SelectMany(g => VersionOptions.Pick(g, query["versionOptions"].FirstOrDefault()));
            }

            var definitionIds = query["DefinitionIds"].Concat(query["definitionIds"]).ToHashSet();
            if (definitionIds.Count > 0) items = items.Where(d => definitionIds.Contains(d.DefinitionId));
            if (query["SearchTerm"].FirstOrDefault() is { Length: > 0 } term)
                items = items.Where(d => d.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || d.DefinitionId.Contains(term, StringComparison.OrdinalIgnoreCase));
            items = query["OrderBy"].FirstOrDefault() == "Version" ? items.OrderByDescending(d => d.Version) : items.OrderBy(d => d.Name);

            var list = items.ToList();
            var page = int.TryParse(query["Page"], out var p) ? p : 0;
            var size = int.TryParse(query["PageSize"], out var s) && s > 0 ? s : 100;
            var summaries = list.Skip(page * size).Take(size).Select(d => Summary(d, http.User, clock));
            return Results.Json(new { items = summaries, totalCount = list.Count, links = ListLinks(http.User) }, ElsaJsonResults.Options);
        });

        definitions.MapGet("/query/count", async (DefinitionStore store, HttpContext http, CancellationToken ct) =>
            new { count = (await store.VisibleAsync(http.User.TenantId(), ct)).Select(d => d.DefinitionId).Distinct().Count() });

        definitions.MapGet("/validation/is-name-unique", async (string? name, string? definitionId, DefinitionStore store, HttpContext http, CancellationToken ct) =>
            new { isUnique = !(await store.VisibleAsync(http.User.TenantId(), ct)).Any(d => d.Name == name && d.DefinitionId != definitionId) });

        definitions.MapGet("/{definitionId}/consumers", (string definitionId) => new { consumingWorkflowDefinitionIds = Array.Empty<string>() });

        definitions.MapPost("/", async (SaveRequest request, DefinitionStore store, WorkflowDbContext db, ActivityRegistry registry, HttpContext http,
                CancellationToken ct) =>
            {
                var model = request.Model ?? throw new RequestValidationException("No definition was sent.", new Dictionary<string, string[]> { ["model"] = ["Required."] });
                ResolveInputTypes(model, registry);
                try
                {
                    var (definition, alreadyPublished) = await store.SaveAsync(model, request.Publish == true, http.User.TenantId(), ct,
                        ifMatch: http.Request.Headers.IfMatch.FirstOrDefault());
                    await db.SaveChangesAsync(ct);
                    http.Response.Headers.ETag = DefinitionStore.ETag(definition);
                    return Results.Json(new
                    {
                        workflowDefinition = WithLinks(definition, http.User), alreadyPublished, consumingWorkflowCount = 0, validationErrors = Array.Empty<object>(),
                    }, ElsaJsonResults.Options);
                }
                catch (PreconditionFailedException stale)
                {
                    return Results.Problem(stale.Message, statusCode: StatusCodes.Status412PreconditionFailed, title: "The definition changed since it was read");
                }
                catch (DbUpdateException)
                {
                    // Another save of the same draft (its revision) or of the same new version number committed first.
                    return Results.Problem("Another save of this definition was committed first; read it again and save your changes on it.",
                        statusCode: StatusCodes.Status409Conflict, title: "Concurrent save");
                }
            });

        definitions.MapPost("/{definitionId}/publish", async (string definitionId, DefinitionStore store, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (definition, alreadyPublished) = await store.PublishAsync(definitionId, http.User.TenantId(), ct);
            await db.SaveChangesAsync(ct);
            return Results.Json(new
            {
                workflowDefinition = WithLinks(definition, http.User), alreadyPublished, consumingWorkflowCount = 0, validationErrors = Array.Empty<object>(),
            }, ElsaJsonResults.Options);
        });

        definitions.MapPost("/{definitionId}/retract", async (string definitionId, DefinitionStore store, WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var definition = await store.RetractAsync(definitionId, http.User.TenantId(), ct);
            await db.SaveChangesAsync(ct);
            return Results.Json(WithLinks(definition, http.User), ElsaJsonResults.Options);
        });

        definitions.MapDelete("/{definitionId}", async (string definitionId, DefinitionStore store, HttpContext http, CancellationToken ct) =>
            await store.DeleteAsync(definitionId, http.User.TenantId(), ct) > 0 ? Results.NoContent() : Results.NotFound());

        definitions.MapPost("/{definitionId}/revert/{version}", async (string definitionId, int version, DefinitionStore store, WorkflowDbContext db,
            HttpContext http, CancellationToken ct) =>
        {
            var reverted = await store.RevertAsync(definitionId, version, http.User.TenantId(), ct);
            await db.SaveChangesAsync(ct);
            return Results.Json(WithLinks(reverted, http.User), ElsaJsonResults.Options);
        });

        api.MapDelete("/workflow-definition-versions/{id}", async (string id, DefinitionStore store, WorkflowDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            await store.DeleteVersionAsync(id, http.User.TenantId(), ct);
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        });

        // The definition list's bulk actions, one definition at a time in one unit of work; what could not be done is named.
        var bulk = api.MapGroup("/bulk-actions");
        bulk.MapPost("/publish/workflow-definitions/by-definition-ids", async (BulkRequest request, DefinitionStore store, WorkflowDbContext db,
            HttpContext http, CancellationToken ct) =>
        {
            List<string> published = [], alreadyPublished = [], notFound = [], skipped = [];
            foreach (var definitionId in request.DefinitionIds ?? [])
            {
                try
                {
                    var (_, already) = await store.PublishAsync(definitionId, http.User.TenantId(), ct);
                    (already ? alreadyPublished : published).Add(definitionId);
                }
                catch (NotFoundException) { notFound.Add(definitionId); }
                catch (InvalidDefinitionException) { skipped.Add(definitionId); } // an incomplete definition stays a draft
            }
            await db.SaveChangesAsync(ct);
            return Results.Json(new { published, alreadyPublished, notFound, skipped, updatedConsumers = Array.Empty<string>() }, ElsaJsonResults.Options);
        });
        bulk.MapPost("/retract/workflow-definitions/by-definition-ids", async (BulkRequest request, DefinitionStore store, WorkflowDbContext db,
            HttpContext http, CancellationToken ct) =>
        {
            List<string> retracted = [], alreadyRetracted = [], notFound = [];
            foreach (var definitionId in request.DefinitionIds ?? [])
            {
                try
                {
                    await store.RetractAsync(definitionId, http.User.TenantId(), ct);
                    retracted.Add(definitionId);
                }
                catch (NotFoundException) { notFound.Add(definitionId); }
                catch (StateConflictException) { alreadyRetracted.Add(definitionId); }
            }
            await db.SaveChangesAsync(ct);
            return Results.Json(new { retracted, alreadyRetracted, notFound }, ElsaJsonResults.Options);
        });
        bulk.MapPost("/delete/workflow-definitions/by-definition-id", async (BulkRequest request, DefinitionStore store, HttpContext http,
            CancellationToken ct) =>
        {
            var deleted = 0;
            var kept = new Dictionary<string, string>();
            foreach (var definitionId in request.DefinitionIds ?? [])
            {
                try { deleted += await store.DeleteAsync(definitionId, http.User.TenantId(), ct) > 0 ? 1 : 0; }
                catch (StateConflictException conflict) { kept[definitionId] = conflict.Message; } // unfinished instances run on it
            }
            return Results.Json(new { deleted, kept }, ElsaJsonResults.Options);
        });

        definitions.MapPost("/import", async (HttpContext http, DefinitionStore store, WorkflowDbContext db, ActivityRegistry registry, CancellationToken ct) =>
        {
            var model = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct))?.AsObject()
                        ?? throw new RequestValidationException("No definition was sent.", new Dictionary<string, string[]> { ["body"] = ["Required."] });
            ResolveInputTypes(model, registry);
            var (definition, _) = await store.SaveAsync(model, publish: false, http.User.TenantId(), ct);
            await db.SaveChangesAsync(ct);
            return Results.Json(WithLinks(definition, http.User), ElsaJsonResults.Options);
        });

        // The Studio's import of several files: JSON definitions and ZIP archives of them, all saved as drafts or none (a refused
        // definition names its file's problems).
        definitions.MapPost("/import-files", async (HttpContext http, DefinitionStore store, WorkflowDbContext db, ActivityRegistry registry,
            CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
                throw new RequestValidationException("Send the definitions as files of a multipart form.", new Dictionary<string, string[]> { ["files"] = ["Required."] });
            var form = await http.Request.ReadFormAsync(ct);
            var models = new List<JsonObject>();
            foreach (var file in form.Files)
            {
                await using var stream = file.OpenReadStream();
                if (file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    using var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read);
                    foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                    {
                        await using var entryStream = entry.Open();
                        models.Add(await ImportedModel(entryStream, entry.FullName, ct));
                    }
                }
                else models.Add(await ImportedModel(stream, file.FileName, ct));
            }
            if (models.Count == 0)
                throw new RequestValidationException("No definition was sent.", new Dictionary<string, string[]> { ["files"] = ["Required."] });
            foreach (var model in models)
            {
                ResolveInputTypes(model, registry);
                await store.SaveAsync(model, publish: false, http.User.TenantId(), ct);
            }
            await db.SaveChangesAsync(ct);
            return Results.Json(new { count = models.Count }, ElsaJsonResults.Options);
        });

        // The export is the file format kept in workflows/: the stored definition with Elsa's $schema first.
        definitions.MapGet("/{definitionId}/export", async (string definitionId, string? versionOptions, DefinitionStore store, HttpContext http, CancellationToken ct) =>
        {
            var versions = await store.VersionsAsync(definitionId, http.User.TenantId(), ct);
            if (VersionOptions.Pick(versions, string.IsNullOrEmpty(versionOptions) ? "Latest" : versionOptions).FirstOrDefault() is not { } found)
                return Results.NotFound();
            var json = ElsaJson.Serialize(JsonNode.Parse(found.Json)!.AsObject(), withSchema: true, indented: true);
            return Results.File(Encoding.UTF8.GetBytes(json), "application/json", $"workflow-definition-{found.DefinitionId}-{found.Id}.json");
        });
    }

    public sealed record SaveRequest(JsonObject? Model, bool? Publish);

    /// <summary>A version with its ETag, for a later save with <c>If-Match</c>.</summary>
    static IResult Versioned(WorkflowDefinitionRecord version, HttpContext http)
    {
        http.Response.Headers.ETag = DefinitionStore.ETag(version);
        return Results.Json(WithLinks(version, http.User), ElsaJsonResults.Options);
    }

    static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator);

    static JsonObject WithLinks(WorkflowDefinitionRecord record, ClaimsPrincipal user)
    {
        var json = JsonNode.Parse(record.Json)!.AsObject();
        json["id"] = record.Id;
        json["isLatest"] = record.IsLatest;
        json["isPublished"] = record.IsPublished;
        json["isReadonly"] = !CanEdit(user); // the designer opens read-only for a role that cannot save or publish
        json["isSystem"] = false;
        json["materializerName"] = "Json";
        json["links"] = Links(record.DefinitionId, user);
        return json;
    }

    /// <summary>
    /// A version as the Studio lists it. Its version history prints <c>createdAt</c> in the offset it is given, so the instant is
    /// written in the county's time (e.g. <c>+08:00</c>), not UTC.
    /// </summary>
    static JsonObject Summary(WorkflowDefinitionRecord d, ClaimsPrincipal user, CountyClock clock) => new()
    {
        ["id"] = d.Id, ["definitionId"] = d.DefinitionId, ["name"] = d.Name, ["description"] = d.Description, ["version"] = d.Version,
        ["isLatest"] = d.IsLatest, ["isPublished"] = d.IsPublished, ["createdAt"] = clock.Local(d.CreatedAt, user.TenantId()).ToString("O"), ["materializerName"] = "Json",
        ["isMaterializerAvailable"] = true, ["links"] = Links(d.DefinitionId, user),
    };

    static JsonArray Links(string definitionId, ClaimsPrincipal user)
    {
        var links = new JsonArray(
            Link($"/workflow-definitions/by-definition-id/{definitionId}", "self", "GET"),
            Link($"/workflow-definitions/{definitionId}/execute", "execute", "POST"),
            Link($"/workflow-definitions/{definitionId}/export", "export", "GET"));
        if (CanEdit(user))
        {
            links.Add(Link($"/workflow-definitions/{definitionId}/publish", "publish", "POST"));
            links.Add(Link($"/workflow-definitions/{definitionId}/retract", "retract", "POST"));
            links.Add(Link($"/workflow-definitions/{definitionId}", "delete", "DELETE"));
        }
        return links;
    }

    static JsonArray ListLinks(ClaimsPrincipal user)
    {
        var links = new JsonArray(Link("/workflow-definitions", "self", "GET"));
        if (CanEdit(user))
        {
            links.Add(Link("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"));
            links.Add(Link("/workflow-definitions", "create", "POST"));
        }
        return links;
    }

    static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };

    /// <summary>The Studio sends an input edited for the first time with <c>typeName: null</c>: take it from the activity's descriptor.</summary>
    static void ResolveInputTypes(JsonObject model, ActivityRegistry registry)
    {
        foreach (var activity in (model["root"]?["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (activity.Text("type") is not { } type || registry.Find(type) is not { } descriptor) continue;
            var inputs = (descriptor.Descriptor["inputs"] as JsonArray ?? []).OfType<JsonObject>()
                .ToDictionary(i => Descriptors.PropertyName(i.Text("name") ?? ""), i => i.Text("typeName"));
            foreach (var (name, value) in activity.ToList())
                if (value is JsonObject input && input.ContainsKey("expression") && input["typeName"] is null && inputs.TryGetValue(name, out var typeName))
                    input["typeName"] = typeName;
        }
    }
}

internal static class ElsaJsonResults
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = ElsaJson.Options;
}
