using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Orchestration.Studio;

/// <summary>
/// The unpacked npm package <c>@elsa-workflows/elsa-studio-wasm</c>: setting <c>Studio:BundlePath</c>, else the folder the
/// build installed it into.
/// </summary>
public sealed class StudioBundle
{
    public StudioBundle(IConfiguration configuration)
    {
        Directory = configuration["Studio:BundlePath"]
                    ?? typeof(StudioBundle).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                        .FirstOrDefault(a => a.Key == "StudioBundleDirectory")?.Value
                    ?? "";
        Installed = File.Exists(Path.Combine(Directory, "_framework", "blazor.webassembly.js"));
        Files = Installed ? new PhysicalFileProvider(Directory) : new NullFileProvider();
    }

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
