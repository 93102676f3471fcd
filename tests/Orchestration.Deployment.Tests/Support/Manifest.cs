using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Orchestration.Deployment.Tests.Support;

/// <summary>One Kubernetes object of a render, read as plain YAML (scalars stay strings, as the API server receives them).</summary>
public sealed class Manifest(Dictionary<object, object> root)
{
    static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public string Kind => Str("kind") ?? "";

    public string ApiVersion => Str("apiVersion") ?? "";

    public string Name => Str("metadata", "name") ?? "";

    public IReadOnlyDictionary<string, string> Labels => StringMap("metadata", "labels");

    public IReadOnlyDictionary<string, string> Annotations => StringMap("metadata", "annotations");

    /// <summary>The pod template of a Deployment or Job.</summary>
    public Manifest PodTemplate => new(Map("spec", "template") ?? throw new InvalidOperationException($"{Kind}/{Name} has no pod template."));

    /// <summary>The object at a path of keys (strings) and list indexes (ints), or null.</summary>
    public object? At(params object[] path)
    {
        object? node = root;
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<object, object> map, string key) => map.GetValueOrDefault(key),
                (List<object> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    public string? Str(params object[] path) => At(path) as string;

    public Dictionary<object, object>? Map(params object[] path) => At(path) as Dictionary<object, object>;

    public IReadOnlyList<object> List(params object[] path) => At(path) as List<object> ?? [];

    public IReadOnlyList<Manifest> Maps(params object[] path) => List(path).OfType<Dictionary<object, object>>().Select(m => new Manifest(m)).ToList();

    public IReadOnlyDictionary<string, string> StringMap(params object[] path) =>
        Map(path)?.ToDictionary(pair => (string)pair.Key, pair => pair.Value as string ?? "") ?? new Dictionary<string, string>();

    public static IReadOnlyList<Manifest> ParseAll(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var manifests = new List<Manifest>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            if (Yaml.Deserialize<object>(parser) is Dictionary<object, object> document)
                manifests.Add(new Manifest(document));
        }
        return manifests;
    }

    public override string ToString() => $"{Kind}/{Name}";
}
