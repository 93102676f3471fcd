using Orchestration.ServiceDefaults.Security;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>The README's table of who may call which endpoint is the one <see cref="AccessTable"/> enforces.</summary>
public sealed class AccessTableReadmeTests
{
    const string Start = "<!-- access-table:start (generated from Security/AccessTable.cs; UPDATE_ACCESS_TABLE=1 dotnet test rewrites it) -->";
    const string End = "<!-- access-table:end -->";

    static string Readme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Orchestration.sln")))
                return Path.Combine(directory.FullName, "services", "Orchestration.ServiceDefaults", "README.md");
        throw new InvalidOperationException("No Orchestration.sln above the test binaries.");
    }

    [Fact]
    public void The_readme_shows_the_access_table_the_services_enforce()
    {
        var path = Readme();
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"the README marks its access table with {Start}");
        end.ShouldBeGreaterThan(start);
        var shown = text[(start + Start.Length)..end].Trim('\n');
        var enforced = AccessTable.Markdown().Trim('\n');
        if (shown != enforced && Environment.GetEnvironmentVariable("UPDATE_ACCESS_TABLE") == "1")
        {
            File.WriteAllText(path, text[..(start + Start.Length)] + "\n" + enforced + "\n" + text[end..]);
            return;
        }
        shown.ShouldBe(enforced, "the README's access table differs from Security/AccessTable.cs: run the test with UPDATE_ACCESS_TABLE=1");
    }

    [Fact]
    public void Every_row_names_known_roles_and_no_endpoint_twice()
    {
        AccessTable.Rules.SelectMany(r => r.Roles).Except(Roles.All).ShouldBeEmpty();
        AccessTable.Rules.GroupBy(r => r.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        AccessTable.Rules.Where(r => r.Kind == AccessKind.Roles && r.Roles.Count == 0).Select(r => r.Key).ShouldBeEmpty();
        // Operators watch, retry and cancel; they record no business step and start no procedure.
        string[] operatorWrites = ["/cancel", "/elsa/api/cancel/", "/elsa/api/bulk-actions/cancel/workflow-instances", "/elsa/api/bulk-actions/delete/workflow-instances/by-id", "/retry", "/elsa/api/workflow-instances", "/elsa/api/activity-executions/report", "/elsa/api/scripting/"];
        AccessTable.Rules.Where(r => r.Kind == AccessKind.Roles && r.Method != "GET" && r.Roles.Contains(Roles.Operator)
                                     && !operatorWrites.Any(w => r.Route.EndsWith(w) || r.Route.StartsWith(w))).Select(r => r.Key).ShouldBeEmpty();
    }
}
