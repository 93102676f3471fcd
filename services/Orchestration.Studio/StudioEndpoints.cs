using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace Orchestration.Studio;

public static class StudioEndpoints
{
    public const string Path = "/studio";

    public static IHostApplicationBuilder AddElsaStudio(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StudioBundle>();
        IdentityProviderSignIn.Add(builder); // with Auth:Authority: sign-in by authorization code and PKCE
        return builder;
    }

    /// <summary>
    /// Serves the Studio bundle under <c>/studio/</c> (pre-compressed siblings negotiated) and our host pages: definitions,
    /// editor, instances, instance viewer, sign-in. The pages talk to the Elsa API on the same origin with the session cookie.
    /// </summary>
    public static WebApplication MapElsaStudio(this WebApplication app)
    {
        var bundle = app.Services.GetRequiredService<StudioBundle>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch =>
        {
            branch.Use((context, next) => ServePrecompressed(context, next, bundle));
            branch.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = bundle.Files,
                RequestPath = Path,
                ContentTypeProvider = StudioBundle.ContentTypes,
            });
        });

        // The server's own address leads to the Studio, where people start.
        app.MapGet("/", () => TypedResults.Redirect(Path + "/")).AllowAnonymous().ExcludeFromDescription();
        var pages = app.MapGroup(Path).AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/", (Delegate)((HttpContext http) => HostPages.Screen(http, bundle, Screen.Definitions, null)));
        pages.MapGet("/definitions/{definitionId}", (HttpContext http, string definitionId) => HostPages.Screen(http, bundle, Screen.Editor, definitionId));
        pages.MapGet("/instances", (Delegate)((HttpContext http) => HostPages.Screen(http, bundle, Screen.Instances, null)));
        pages.MapGet("/instances/{instanceId}", (HttpContext http, string instanceId) => HostPages.Screen(http, bundle, Screen.Viewer, instanceId));
        pages.MapGet("/alterations", (Delegate)((HttpContext http) => AlterationsPage.Show(http)));
        SignIn.Map(pages);
        return app;
    }

    /// <summary>
    /// The bundle ships <c>x.br</c> and <c>x.gz</c> beside each file; send one when the browser accepts it, with the original
    /// file's content type (6 MB of Brotli instead of 21 MB for the runtime).
    /// </summary>
    static async Task ServePrecompressed(HttpContext context, RequestDelegate next, StudioBundle bundle)
    {
        var relative = context.Request.Path.Value![Path.Length..];
        var accepts = context.Request.Headers.AcceptEncoding.ToString();
        if (bundle.Installed && relative.Length > 1 && !relative.EndsWith(".br") && !relative.EndsWith(".gz") && bundle.Files.GetFileInfo(relative).Exists)
        {
            foreach (var (encoding, extension) in new[] { ("br", ".br"), ("gzip", ".gz") })
            {
                var compressed = bundle.Files.GetFileInfo(relative + extension);
                if (!accepts.Contains(encoding, StringComparison.OrdinalIgnoreCase) || !compressed.Exists) continue;
                context.Response.Headers.ContentEncoding = encoding;
                context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.ContentType = StudioBundle.ContentTypes.TryGetContentType(relative, out var type) ? type : "application/octet-stream";
                context.Response.ContentLength = compressed.Length;
                await context.Response.SendFileAsync(compressed, context.RequestAborted);
                return;
            }
        }
        await next(context);
    }
}

internal enum Screen { Definitions, Editor, Instances, Viewer, Alterations }
