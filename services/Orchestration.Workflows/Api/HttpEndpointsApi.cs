using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Api;

/// <summary>
/// The HTTP Endpoint activities of the county's procedures, under <see cref="HttpEndpointActivity.RoutePrefix"/>: a request starts
/// the published definitions that trigger on its method and path and resumes the procedures waiting there. Callers are authenticated
/// like every other API of the workflow server; the county is the caller's.
/// </summary>
public static class HttpEndpointsApi
{
    /// <summary>Headers never handed to a procedure.</summary>
    static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie", "Proxy-Authorization" };

    public static void MapHttpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(HttpEndpointActivity.RoutePrefix + "/{**path}", ["GET", "POST", "PUT", "DELETE", "PATCH"],
            async (string? path, HttpContext http, WorkflowRuntime runtime, WorkflowDbContext db, CancellationToken ct) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync(ct);
                JsonNode? content = body.Length == 0 ? null : body;
                if (body.Length > 0 && http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
                {
                    try { content = JsonNode.Parse(body); }
                    catch (System.Text.Json.JsonException) { return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not JSON."); }
                }
                var request = new JsonObject
                {
                    ["parsedContent"] = content,
                    ["queryStringData"] = new JsonObject(http.Request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))),
                    ["routeData"] = new JsonObject { ["path"] = path ?? "" },
                    ["headers"] = new JsonObject(http.Request.Headers.Where(h => !Hidden.Contains(h.Key))
                        .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value.ToString()))),
                    ["method"] = http.Request.Method,
                };
                var (started, resumed) = await runtime.HttpRequestAsync(http.User.TenantId(), http.Request.Method, path ?? "", request, http.User.ActorId(), ct);
                if (started.Count + resumed.Count == 0)
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No workflow answers this request",
                        detail: $"No published procedure of the county has an HTTP endpoint for {http.Request.Method} /{path}, and none waits at one.");
                await db.SaveChangesAsync(ct);
                return Results.Ok(new { started, resumed });
            }).WithTags("Workflows").WithSummary("HTTP Endpoint activities: starts or resumes the county's procedures at this method and path.");
    }
}
