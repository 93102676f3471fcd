using System.Diagnostics;
using Orchestration.Deployment.Tests.Support;
using Xunit;

namespace Orchestration.Deployment.Tests.Images;

/// <summary>
/// One real run of <c>.ci/images.sh</c> for the smallest service: its base built from Debian packages, the throwaway
/// registry, <c>dotnet publish -t:PublishContainer</c> to an OCI archive and the SBOM. A failing build fails every test that
/// uses it (nothing is skipped): the script needs apt-get, skopeo, docker-registry and jq, which <c>.ci/run</c> installs.
/// </summary>
public sealed class ImageBuild : IAsyncLifetime
{
    public const string Project = "Orchestration.Disposition";

    public const string Repository = "orchestration-disposition";

    public string Output { get; } = Path.Combine(Path.GetTempPath(), $"orchestration-image-test-{Guid.NewGuid():N}");

    public string Archive => Path.Combine(Output, $"{Repository}.tar");

    public string Sbom => Path.Combine(Output, $"{Repository}.cdx.json");

    public string BaseLayout => Path.Combine(Output, "bases", "runtime.oci");

    public string RecordedBaseDigest => File.ReadAllText(Path.Combine(Output, "bases", "runtime.digest")).Trim();

    /// <summary>The base's packages as recorded: name → version (the .NET runtime as dotnet-runtime).</summary>
    public IReadOnlyDictionary<string, string> BasePackages =>
        File.ReadLines(Path.Combine(Output, "bases", "runtime.packages"))
            .Select(line => line.Split(' ')[0].Split('=', 2))
            .ToDictionary(nv => nv[0], nv => nv[1]);

    public string DigestValues => Path.Combine(Output, "image-digests.yaml");

    public string Log { get; private set; } = "";

    public OciImage Image { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Output);
        var (exitCode, log) = await RunScript(null, "--out", Output, Project);
        Log = log;
        if (exitCode != 0) throw new InvalidOperationException($".ci/images.sh {Project} exited {exitCode}:\n{Tail(Log)}");
        Image = OciImage.FromArchive(Archive);
    }

    /// <summary>Runs <c>.ci/images.sh</c> with <paramref name="arguments"/> (at most 12 minutes): its exit code and output.</summary>
    public static async Task<(int ExitCode, string Log)> RunScript(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Repo.Path(".ci", "images.sh"), .. arguments])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($".ci/images.sh {string.Join(' ', arguments)} ran longer than 12 minutes:\n{Tail(await errors)}");
        }
        return (process.ExitCode, await output + await errors);
    }

    static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));

    public Task DisposeAsync()
    {
        if (Directory.Exists(Output)) Directory.Delete(Output, recursive: true);
        return Task.CompletedTask;
    }
}
