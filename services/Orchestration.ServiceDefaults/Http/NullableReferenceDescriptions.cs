using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// A field that may be empty and whose type is described once among the components (e.g. a nullable enumeration or record) is
/// written as "null or the reference"; the documentation generator puts the field's description on the reference inside. This
/// brings it up to the field itself, where the API reference shows a field's description.
/// </summary>
public sealed class NullableReferenceDescriptions : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
            foreach (var property in schema.Properties?.Values ?? [])
                if (property is OpenApiSchema { OneOf: { Count: > 0 } branches } field && string.IsNullOrWhiteSpace(field.Description))
                    field.Description = branches.Select(b => b.Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
        return Task.CompletedTask;
    }
}
