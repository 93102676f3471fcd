using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Local;

internal static class EmbeddedServices
{
    /// <summary>Settings that make one process self-sufficient; anything given on the command line or in the environment wins.</summary>
    public static void UseEmbeddedDefaults(this WebApplicationBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Journal:SealDirectory"] = Path.Combine(builder.Environment.ContentRootPath, ".local-data", "journal-seals"),
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = Path.Combine(builder.Environment.ContentRootPath, ".local-data"),
            ["Messaging:Transport"] = "InMemory",
            ["Auth:SigningKey"] = DevelopmentTokens.DevelopmentSigningKey,
            ["Workflows:TriggerTenants:0"] = DemoTenant, // procedures the calendar starts run for the demo county
        };
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5000");
    }

    public static void MapEmbeddedServices(this WebApplication app)
    {
        // Tokens for trying the APIs: the embedded mode has no identity provider.
        app.MapPost("/local/token", (TokenRequest request) =>
                Results.Ok(new { accessToken = DevelopmentTokens.Issue(request.Subject ?? "local-user", request.Tenant ?? DemoTenant,
                    request.Roles ?? [Roles.Administrator, Roles.OrganizationDepartment], app.Configuration["Auth:SigningKey"]) }))
            .AllowAnonymous()
            .WithSummary("Issues a token signed with the embedded mode's key.");
    }

    const string DemoTenant = "county-demo";

    public static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var root = addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://127.0.0.1:5000";
        var token = DevelopmentTokens.Issue("local-admin", DemoTenant, [Roles.Administrator, Roles.OrganizationDepartment], app.Configuration["Auth:SigningKey"]);
        Console.WriteLine($"""

            Orchestration (embedded) is running.
              Elsa Studio     {root}/studio/
              API reference   {root}/scalar
              OpenAPI         {root}/openapi/v1.json
              Health          {root}/health/ready
              Token           POST {root}/local/token  {"{"}"tenant":"{DemoTenant}","roles":["administrator"]{"}"}
              Data            {app.Configuration["Database:DataDirectory"]}

            Administrator token for tenant {DemoTenant}:
              {token}

            """);
    }

    sealed record TokenRequest(string? Subject, string? Tenant, string[]? Roles);
}
