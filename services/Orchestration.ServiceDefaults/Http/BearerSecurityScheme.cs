using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// Declares in the API description how every operation is called: with a bearer token from the county's authority (or the
/// embedded host's own), so the API reference offers to sign its requests in with one.
/// </summary>
public sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token of the county's OIDC authority (or, in the embedded host, from POST /local/token).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] }];
        return Task.CompletedTask;
    }
}
