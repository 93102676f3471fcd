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
        StaticDescriptors.Map(api);
        ElsaDefinitionsApi.Map(api);
        ElsaInstancesApi.Map(api);
        return app;
    }
}
