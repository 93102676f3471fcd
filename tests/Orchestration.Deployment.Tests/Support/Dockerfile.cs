using System.Text.RegularExpressions;

namespace Orchestration.Deployment.Tests.Support;

public sealed record DockerInstruction(string Keyword, string Arguments, string? Stage);

/// <summary>A COPY: repository sources (or another stage's paths when <see cref="FromStage"/> is set) to a destination.</summary>
public sealed record DockerCopy(IReadOnlyList<string> Sources, string Destination, string? FromStage, string? Stage);

/// <summary>A Dockerfile read the way the builder reads it: continuation lines joined, comments dropped, ARG defaults expanded.</summary>
public sealed partial class Dockerfile
{
    Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions, IReadOnlyDictionary<string, string> args)
    {
        Path = path;
        Instructions = instructions;
        Args = args;
    }

    public string Path { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The project the file is named after: <c>docker/Orchestration.Nomination.Dockerfile</c> → Orchestration.Nomination.</summary>
    public string Project => FileName[..^".Dockerfile".Length];

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>Default values of the ARGs.</summary>
    public IReadOnlyDictionary<string, string> Args { get; }

    public static IEnumerable<Dockerfile> All() =>
        Directory.EnumerateFiles(Repo.Path("docker"), "*.Dockerfile").Order().Select(Load);

    public static Dockerfile Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var args = new Dictionary<string, string>();
        string? stage = null;
        var pending = "";
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            line = pending + line;
            pending = "";
            var space = line.IndexOf(' ');
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "ARG" && arguments.Split('=', 2) is [var name, var value]) args[name] = value;
            if (keyword == "FROM")
            {
                var alias = AsClause().Match(arguments);
                stage = alias.Success ? alias.Groups[1].Value : null;
            }
            instructions.Add(new DockerInstruction(keyword, arguments, stage));
        }
        return new Dockerfile(path, instructions, args);
    }

    public string Expand(string text) => ArgReference().Replace(text, m => Args.GetValueOrDefault(m.Groups[1].Value + m.Groups[2].Value, m.Value));

    public IEnumerable<DockerInstruction> Where(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public IReadOnlyList<DockerCopy> Copies => Where("COPY").Select(copy =>
    {
        var tokens = Expand(copy.Arguments).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var from = tokens.FirstOrDefault(t => t.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
        var paths = tokens.Where(t => !t.StartsWith("--", StringComparison.Ordinal)).ToList();
        return new DockerCopy(paths[..^1], paths[^1], from, copy.Stage);
    }).ToList();

    /// <summary>The image of the last FROM: what runs.</summary>
    public string RuntimeImage => Expand(Where("FROM").Last().Arguments.Split(' ')[0]);

    public string? RuntimeStage => Where("FROM").Last().Stage;

    [GeneratedRegex(@"\s+AS\s+(\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AsClause();

    [GeneratedRegex(@"\$\{(\w+)\}|\$(\w+)")]
    private static partial Regex ArgReference();

    public override string ToString() => FileName;
}

/// <summary>The repository's .dockerignore, as far as the tests need it: directory patterns at the root or at any depth.</summary>
public static class DockerIgnore
{
    static readonly string[] Patterns = File.ReadAllLines(Repo.Path(".dockerignore"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    /// <summary>True when the build context would not contain <paramref name="path"/> (relative to the repository root).</summary>
    public static bool Excludes(string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        foreach (var pattern in Patterns.Where(p => p.EndsWith('/')))
        {
            var directory = pattern.TrimEnd('/');
            if (directory.StartsWith("**/", StringComparison.Ordinal))
            {
                if (segments.Contains(directory[3..])) return true;
            }
            else if (path.TrimEnd('/') == directory || path.StartsWith(directory + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
