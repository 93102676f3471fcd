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
            [SelfIssuedTokens.EmbeddedKey] = "true", // this host may sign its own tokens, while it listens on loopback only
            ["Workflows:TriggerTenants:0"] = DemoTenant, // procedures the calendar starts run for the demo county
        };
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        if (string.IsNullOrWhiteSpace(builder.Configuration["Auth:SigningKey"]) && string.IsNullOrWhiteSpace(builder.Configuration["Auth:Authority"]))
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:SigningKey"] = LocalSigningKey(builder.Configuration["Database:DataDirectory"]!),
            });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5000");
    }

    /// <summary>Name of the key file in the data directory.</summary>
    public const string SigningKeyFile = "signing-key";

    /// <summary>
    /// The embedded host's signing key: 256 random bits made on the first start and kept in the data directory, readable by
    /// its owner only, so tokens survive a restart and no two installations share a key.
    /// </summary>
    static string LocalSigningKey(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, SigningKeyFile);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } existing) return existing;
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, options)) file.Write(key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    public static void MapEmbeddedServices(this WebApplication app)
    {
        // Tokens for trying the APIs: the embedded mode has no identity provider. Only while every address the host listens
        // on is loopback, and only to callers on this machine (SelfIssuedTokens); otherwise 403.
        app.MapPost("/local/token", (TokenRequest request, HttpContext http, SelfIssuedTokens selfIssued) =>
                selfIssued.Refusal(http) is { } refusal
                    ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: refusal)
                    : Results.Ok(new { accessToken = DevelopmentTokens.Issue(request.Subject ?? "local-user", request.Tenant ?? DemoTenant,
                        request.Roles ?? [Roles.Administrator, Roles.OrganizationDepartment], selfIssued.SigningKeyFor(http)) }))
            .AllowAnonymous()
            .WithSummary("Issues a token signed with the embedded mode's key (loopback only).");
    }

    const string DemoTenant = "county-demo";

    public static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var root = addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://127.0.0.1:5000";
        var selfIssued = app.Services.GetRequiredService<SelfIssuedTokens>();
        var local = selfIssued.ListensOnLoopbackOnly() && string.IsNullOrWhiteSpace(app.Configuration["Auth:Authority"]);
        var token = local
            ? $"""

              Administrator token for tenant {DemoTenant}:
                {DevelopmentTokens.Issue("local-admin", DemoTenant, [Roles.Administrator, Roles.OrganizationDepartment], app.Configuration["Auth:SigningKey"])}
              """
            : """

              This host listens on more than loopback (or has an identity provider): it issues no tokens of its own;
              /local/token and the Studio's "sign in on this server" answer 403. Sign in with Auth:Authority's tokens.
              """;
        Console.WriteLine($"""

            Orchestration (embedded) is running.
              Elsa Studio     {root}/studio/
              API reference   {root}/scalar
              OpenAPI         {root}/openapi/v1.json
              Health          {root}/health/ready
              Metrics         {root}/metrics
              Token           POST {root}/local/token  {"{"}"tenant":"{DemoTenant}","roles":["administrator"]{"}"}
              Data            {app.Configuration["Database:DataDirectory"]}
            {token}

            """);
    }

    sealed record TokenRequest(string? Subject, string? Tenant, string[]? Roles);
}
