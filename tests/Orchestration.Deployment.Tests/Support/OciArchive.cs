using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestration.Deployment.Tests.Support;

/// <summary>
/// An OCI image layout, read from a tar archive (<c>dotnet publish -t:PublishContainer</c> with ContainerArchiveOutputPath)
/// or a directory: index.json → the manifest → the config, each blob checked against its digest.
/// </summary>
public sealed class OciImage
{
    OciImage(string manifestDigest, JsonObject manifest, JsonObject config, IReadOnlyList<string> blobNames)
    {
        ManifestDigest = manifestDigest;
        Manifest = manifest;
        Config = config;
        BlobNames = blobNames;
    }

    /// <summary>The digest the image is pulled by (index.json's only manifest).</summary>
    public string ManifestDigest { get; }

    public JsonObject Manifest { get; }

    public JsonObject Config { get; }

    /// <summary>Every blob the layout carries, as <c>sha256:…</c>.</summary>
    public IReadOnlyList<string> BlobNames { get; }

    /// <summary>The layer digests, base first.</summary>
    public IReadOnlyList<string> LayerDigests => [.. Manifest["layers"]!.AsArray().Select(l => (string)l!["digest"]!)];

    /// <summary>The run settings (Entrypoint, User, Env, WorkingDir, ExposedPorts, Labels).</summary>
    public JsonObject RunConfig => Config["config"]!.AsObject();

    public IReadOnlyList<string> Env => [.. RunConfig["Env"]!.AsArray().Select(e => (string)e!)];

    public static OciImage FromArchive(string archive)
    {
        // Only the small JSON blobs are kept in memory; layers are hashed only when asked for (LayerFile).
        var small = new Dictionary<string, byte[]>();
        var names = new List<string>();
        using (var stream = File.OpenRead(archive))
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                var name = entry.Name.TrimStart('.', '/');
                if (name.StartsWith("blobs/sha256/", StringComparison.Ordinal)) names.Add("sha256:" + name["blobs/sha256/".Length..]);
                if (entry.Length > 1 << 20) continue;
                using var copy = new MemoryStream();
                entry.DataStream.CopyTo(copy);
                small[name] = copy.ToArray();
            }
        }
        return Read(name => small.TryGetValue(name, out var bytes) ? bytes : throw new InvalidDataException($"{archive} has no {name}"), names);
    }

    public static OciImage FromDirectory(string layout)
    {
        var names = Directory.EnumerateFiles(System.IO.Path.Combine(layout, "blobs", "sha256")).Select(f => "sha256:" + System.IO.Path.GetFileName(f)).ToList();
        return Read(name => File.ReadAllBytes(System.IO.Path.Combine(layout, name)), names);
    }

    static OciImage Read(Func<string, byte[]> file, List<string> blobNames)
    {
        var index = JsonNode.Parse(file("index.json"))!.AsObject();
        var manifestDigest = (string)index["manifests"]!.AsArray().Single()!["digest"]!;
        var manifest = JsonNode.Parse(Blob(file, manifestDigest))!.AsObject();
        var config = JsonNode.Parse(Blob(file, (string)manifest["config"]!["digest"]!))!.AsObject();
        return new OciImage(manifestDigest, manifest, config, blobNames);
    }

    static byte[] Blob(Func<string, byte[]> file, string digest)
    {
        var bytes = file("blobs/sha256/" + digest["sha256:".Length..]);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != digest) throw new InvalidDataException($"blob {digest} hashes to {actual}");
        return bytes;
    }

    public override string ToString() => JsonSerializer.Serialize(Config);
}
