using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// Every date a procedure keeps is a county date (China Standard Time unless a county says otherwise), and only the county clock
/// (<c>Orchestration.ServiceDefaults.Time.CountyClock</c>) turns instants into dates. These tests read the C# sources of every service
/// and name the file and line where code takes a date from UTC or from the machine's clock.
/// </summary>
public sealed partial class CountyClockArchitectureTests
{
    /// <summary>The county clock itself, the JWT times of development tokens, and the lunisolar calendar's conversions.</summary>
    static readonly string[] Allowed =
    [
        "services/Orchestration.ServiceDefaults/Time/",
        "services/Orchestration.ServiceDefaults/Security/DevelopmentTokens.cs",
        "services/Orchestration.ServiceDefaults/Calendar/StatutoryHolidays.cs",
    ];

    static readonly string[] Skipped = ["/obj/", "/bin/", "/Migrations/"];

    [GeneratedRegex(@"\bUtcDateTime\b|\bDateTime\s*\.\s*(?:Now|Today|UtcNow)\b|\bDateOnly\s*\.\s*FromDateTime\s*\(")]
    private static partial Regex UtcDate();

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Orchestration.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"No Orchestration.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The C# sources under <c>services/</c>, as repository-relative paths with forward slashes.</summary>
    static IReadOnlyList<(string Path, string FullPath)> ServiceSources()
    {
        var root = RepositoryRoot();
        return
        [
            .. Directory.EnumerateFiles(Path.Combine(root, "services"), "*.cs", SearchOption.AllDirectories)
                .Select(full => (Path: Path.GetRelativePath(root, full).Replace('\\', '/'), FullPath: full))
                .Where(f => !Skipped.Any(s => ("/" + f.Path).Contains(s, StringComparison.Ordinal)))
                .OrderBy(f => f.Path, StringComparer.Ordinal),
        ];
    }

    /// <summary>"path:line: code" for each line of <paramref name="source"/> that takes a date from UTC or the machine's clock.</summary>
    internal static IEnumerable<string> Offences(string path, string source)
    {
        if (Allowed.Any(a => a.EndsWith('/') ? path.StartsWith(a, StringComparison.Ordinal) : path == a)) yield break;
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('*')) continue; // comments may name what not to do
            if (UtcDate().IsMatch(line)) yield return $"{path}:{i + 1}: {line}";
        }
    }

    [Fact]
    public void Domain_code_takes_dates_from_the_county_clock_never_from_UTC_or_the_machine_clock()
    {
        var sources = ServiceSources();
        sources.ShouldContain(s => s.Path.StartsWith("services/Orchestration.Vetting/", StringComparison.Ordinal));
        sources.ShouldContain(s => s.Path.StartsWith("services/Orchestration.Workflows/", StringComparison.Ordinal));

        var offences = sources.SelectMany(s => Offences(s.Path, File.ReadAllText(s.FullPath))).ToList();

        offences.ShouldBeEmpty(
            "Take county dates from CountyClock (Today, DateOf, StartOf), not from UTC or the machine's clock:\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);")]
    [InlineData("var day = now.UtcDateTime.Date;")]
    [InlineData("var stamp = DateTime.UtcNow;")]
    [InlineData("if (DateTime.Now.Hour > 16) return;")]
    [InlineData("var today = DateTime.Today;")]
    public void A_date_taken_from_UTC_is_named_with_its_file_and_line(string code) =>
        Offences("services/Orchestration.Vetting/Sample.cs", $"namespace Sample;\n\n{code}\n").ShouldHaveSingleItem()
            .ShouldBe($"services/Orchestration.Vetting/Sample.cs:3: {code}");

    [Theory]
    [InlineData("services/Orchestration.Vetting/Sample.cs", "var today = clock.Today(command.TenantId);")]
    [InlineData("services/Orchestration.Vetting/Sample.cs", "// never DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime): the UTC date")]
    [InlineData("services/Orchestration.Vetting/Sample.cs", "RecordedAt = clock.UtcNow,")]
    [InlineData("services/Orchestration.ServiceDefaults/Time/CountyClock.cs", "DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);")]
    [InlineData("services/Orchestration.ServiceDefaults/Security/DevelopmentTokens.cs", "var issuedAt = DateTimeOffset.UtcNow.UtcDateTime;")]
    public void County_dates_instants_comments_and_the_clock_itself_pass(string path, string code) =>
        Offences(path, code).ShouldBeEmpty();
}
