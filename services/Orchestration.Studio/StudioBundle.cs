using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Orchestration.Studio;

/// <summary>
/// The unpacked npm package <c>@elsa-workflows/elsa-studio-wasm</c>: setting <c>Studio:BundlePath</c>, else the folder the
/// build installed it into.
/// </summary>
public sealed partial class StudioBundle
{
    public StudioBundle(IConfiguration configuration)
    {
        Directory = configuration["Studio:BundlePath"]
                    ?? typeof(StudioBundle).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                        .FirstOrDefault(a => a.Key == "StudioBundleDirectory")?.Value
                    ?? "";
        Installed = File.Exists(Path.Combine(Directory, "_framework", "blazor.webassembly.js"));
        Files = Installed ? new PhysicalFileProvider(Directory) : new NullFileProvider();
        Culture = configuration["Studio:Culture"] is { } culture && CultureName().IsMatch(culture) ? culture : "zh-CN";
        BrowserLogLevel = Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(configuration["Studio:BrowserLogLevel"], ignoreCase: true, out var level)
                          && Enum.IsDefined(level)
            ? level
            : Microsoft.Extensions.Logging.LogLevel.Warning;
    }

    /// <summary>
    /// The least severe of the Studio's own log lines the browser console shows (<c>Studio:BrowserLogLevel</c>, default <c>Warning</c>).
    /// The bundle's host reads no logging settings and logs every API call at Information, four lines a call; the host pages drop the
    /// lines below this level before they reach the console, so a person looking there for an error finds it.
    /// </summary>
    public Microsoft.Extensions.Logging.LogLevel BrowserLogLevel { get; }

    /// <summary>The prefixes .NET's browser console logger writes for the levels below <see cref="BrowserLogLevel"/> (all of them at <c>None</c>).</summary>
    public IReadOnlyList<string> QuietPrefixes => [.. new[] { "trce: ", "dbug: ", "info: ", "warn: ", "fail: ", "crit: " }.Take((int)BrowserLogLevel)];

    /// <summary>
    /// The culture the Studio starts in (<c>Studio:Culture</c>, default <c>zh-CN</c>): MudBlazor's own texts, month and day names
    /// and date formats. A person's choice on the header's 中文 / English switch is kept in their browser and wins.
    /// </summary>
    public string Culture { get; }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2,3}(-[A-Za-z]{2,4}){0,2}$")]
    private static partial System.Text.RegularExpressions.Regex CultureName();

    public string Directory { get; }

    public bool Installed { get; }

    public IFileProvider Files { get; }

    /// <summary>The default map plus what Blazor needs: ICU data (<c>.dat</c>) is not mapped by default and its 404 blanks the Studio.</summary>
    public static FileExtensionContentTypeProvider ContentTypes { get; } = CreateContentTypes();

    static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".blat"] = "application/octet-stream";
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".map"] = "application/json";
        return types;
    }
}
