namespace Orchestration.Deployment.Tests.Support;

/// <summary><c>helm template</c> of the chart with one values file (and optional --set overrides), parsed.</summary>
public sealed class ChartRender
{
    public const string Release = "orchestration";
    public const string Namespace = "cadre";
    public static readonly string Chart = Repo.Path("charts", "orchestration");

    ChartRender(string valuesFile, string text, string file)
    {
        ValuesFile = valuesFile;
        Text = text;
        File = file;
        Manifests = Manifest.ParseAll(text);
    }

    public string ValuesFile { get; }

    public string Text { get; }

    /// <summary>The render written to a temporary file, for the validator.</summary>
    public string File { get; }

    public IReadOnlyList<Manifest> Manifests { get; }

    public static ToolRun Template(string valuesFile, params string[] overrides) => Run(valuesFile, null, overrides);

    /// <summary>
    /// The default values render only with an OIDC authority or the explicit demo switch; renders "of the default values"
    /// add the demo switch (<see cref="DemoSwitch"/>), this one renders the file exactly as shipped.
    /// </summary>
    public static ToolRun TemplateAsShipped(string valuesFile, params string[] overrides) => Run(valuesFile, null, overrides, asShipped: true);

    public const string DemoSwitch = "auth.demoSelfSignedTokens=true";

    /// <summary>Renders with a values file of the chart, then <paramref name="moreValues"/> (YAML) over it.</summary>
    public static ToolRun TemplateWithValues(string valuesFile, string moreValues) => Run(valuesFile, moreValues, []);

    static ToolRun Run(string valuesFile, string? moreValues, string[] overrides, bool asShipped = false)
    {
        if (!asShipped && valuesFile == ChartRenders.DefaultValues && !overrides.Any(o => o.StartsWith("auth.", StringComparison.Ordinal)))
            overrides = [DemoSwitch, .. overrides];
        List<string> arguments = ["template", Release, Chart, "--namespace", Namespace, "--values", System.IO.Path.Combine(Chart, valuesFile)];
        if (moreValues is not null)
        {
            var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"orchestration-values-{Guid.NewGuid():N}.yaml");
            System.IO.File.WriteAllText(file, moreValues);
            arguments.AddRange(["--values", file]);
        }
        arguments.AddRange(overrides.SelectMany(o => new[] { "--set", o }));
        return DeployTools.Run(DeployTools.Helm, [.. arguments]);
    }

    public static ChartRender Of(string valuesFile, params string[] overrides) => Parse(valuesFile, Run(valuesFile, null, overrides));

    public static ChartRender OfWithValues(string valuesFile, string moreValues) => Parse(valuesFile, Run(valuesFile, moreValues, []));

    static ChartRender Parse(string valuesFile, ToolRun run)
    {
        if (run.ExitCode != 0) throw new InvalidOperationException($"helm template with {valuesFile} failed: {run}");
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"orchestration-chart-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(file, run.Output);
        return new ChartRender(valuesFile, run.Output, file);
    }

    public IEnumerable<Manifest> OfKind(string kind) => Manifests.Where(m => m.Kind == kind);

    public Manifest? Find(string kind, string name) => Manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name);

    public Manifest Single(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"{ValuesFile}: no {kind}/{name} in the render.");

    /// <summary>The object name of a service's Deployment, Service, ConfigMap, NetworkPolicy, HPA and PDB.</summary>
    public static string ObjectName(DeployedService service) => $"{Release}-{service.Name}";
}

/// <summary>The two renders the chart ships values for, made once per test run.</summary>
public sealed class ChartRenders
{
    public const string DefaultValues = "values.yaml";
    public const string ProductionValues = "values-production.yaml";

    readonly Lazy<ChartRender> defaults = new(() => ChartRender.Of(DefaultValues));
    readonly Lazy<ChartRender> production = new(() => ChartRender.Of(ProductionValues));

    public ChartRender Default => defaults.Value;

    public ChartRender Production => production.Value;

    public ChartRender this[string valuesFile] => valuesFile switch
    {
        DefaultValues => Default,
        ProductionValues => Production,
        _ => throw new ArgumentOutOfRangeException(nameof(valuesFile), valuesFile, null),
    };
}
