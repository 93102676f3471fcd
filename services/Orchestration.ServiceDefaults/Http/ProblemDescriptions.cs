using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// Describes the fields of the refusals every service answers with (RFC 9457 problem details, see <see cref="ProblemAnswers"/>):
/// the framework's types carry no documentation of their own in the API description.
/// </summary>
public sealed class ProblemDescriptions : IOpenApiSchemaTransformer
{
    static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["type"] = "A URI naming the kind of problem (RFC 9457).",
        ["title"] = "What went wrong, in one sentence.",
        ["status"] = "The HTTP status code of the answer.",
        ["detail"] = "What went wrong in this request, and the rule that refused it where one did.",
        ["instance"] = "The path of the request that was refused.",
        ["errors"] = "The fields that failed validation (camelCase paths, e.g. \"posts[0].title\"), each with its messages.",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) || schema.Properties is null) return Task.CompletedTask;
        foreach (var (name, property) in schema.Properties)
            if (Fields.TryGetValue(name, out var description) && property is OpenApiSchema field && string.IsNullOrEmpty(field.Description))
                field.Description = description;
        return Task.CompletedTask;
    }
}
