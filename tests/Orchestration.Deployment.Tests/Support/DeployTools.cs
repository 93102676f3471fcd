using System.Diagnostics;

namespace Orchestration.Deployment.Tests.Support;

/// <summary>
/// helm and the offline Kubernetes schema validator, as <c>.ci/deploy-tools.sh</c> installs them. Missing tools fail the
/// tests (never skip them): a green run must mean the chart was linted, rendered and validated.
/// </summary>
public static class DeployTools
{
    const string HowToInstall =
        "run `eval \"$(bash .ci/deploy-tools.sh)\"` in the repository root first (it downloads helm, kubectl and the offline " +
        "schema validator and exports HELM_BIN and K8S_VALIDATOR)";

    public static string Helm => Tool("HELM_BIN");

    public static string Validator => Tool("K8S_VALIDATOR");

    static string Tool(string variable)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(path))
            throw new InvalidOperationException($"{variable} is not set: {HowToInstall}.");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{variable}={path} does not exist: {HowToInstall}.");
        return path;
    }

    public static ToolRun Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran longer than two minutes.");
        }
        return new ToolRun(process.ExitCode, output.Result, error.Result);
    }
}

public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    /// <summary>The tool refused, saying <paramref name="reason"/> (a schema path, a template's fail message).</summary>
    public void ShouldBeRefused(string reason)
    {
        Shouldly.ShouldBeTestExtensions.ShouldNotBe(ExitCode, 0, ToString());
        Shouldly.ShouldBeStringTestExtensions.ShouldContain(Error, reason);
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
