using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orchestration.Workflows.ElsaApi;

/// <summary>The part of Elsa 3's REST API that Elsa Studio 3.8 uses, under <c>/elsa/api</c>, for the designer served at <c>/studio/</c>.</summary>
public static class ElsaApiEndpoints
{
    public const string Path = "/elsa/api";

    public static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Elsa API").ExcludeFromDescription();
        api.AddEndpointFilter(ImportedDefinitionIsAnObject);
        StaticDescriptors.Map(api);
        ElsaDefinitionsApi.Map(api);
        ElsaInstancesApi.Map(api);
        return app;
    }

    /// <summary>
    /// An imported file is read by its endpoint straight from the body: this refuses unreadable JSON (naming the line and position)
    /// and JSON that is not an object with 400 before the endpoint reads it.
    /// </summary>
    static async ValueTask<object?> ImportedDefinitionIsAnObject(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Path.Value?.EndsWith("/workflow-definitions/import", StringComparison.OrdinalIgnoreCase) != true)
            return await next(context);

        http.Request.EnableBuffering();
        System.Text.Json.Nodes.JsonNode? node;
        try
        {
            node = await System.Text.Json.Nodes.JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (System.Text.Json.JsonException json)
        {
            return Results.Problem(Problem("body", $"The file is not JSON: {json.Message}"));
        }
        http.Request.Body.Position = 0;
        return node is System.Text.Json.Nodes.JsonObject
            ? await next(context)
            : Results.Problem(Problem("body", "A workflow definition is a JSON object."));
    }

    static Microsoft.AspNetCore.Http.HttpValidationProblemDetails Problem(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] }) { Status = StatusCodes.Status400BadRequest, Title = "The definition could not be read." };
}
