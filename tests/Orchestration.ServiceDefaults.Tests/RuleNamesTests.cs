using System.Text.RegularExpressions;
using Orchestration.ServiceDefaults.Http;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>Every rule of DOMAIN.md has its names, and no name stands for a rule DOMAIN.md does not have but the seeds' N9 and N10.</summary>
public sealed partial class RuleNamesTests
{
    [Fact]
    public void Each_rule_of_DOMAIN_md_has_its_English_name_as_written_there_and_a_Chinese_name()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orchestration.sln"))) root = root.Parent;
        var domain = Path.Combine(root!.FullName, "..", "shared", "design", "DOMAIN.md"); // the rules' source, beside the repository
        var rules = RuleHeading().Matches(File.ReadAllText(domain)).Select(m => (Id: m.Groups["id"].Value, English: m.Groups["name"].Value.TrimEnd('.'))).ToList();
        rules.Count.ShouldBeGreaterThan(30, "the rule headings of DOMAIN.md were not found");

        // N9 and N10 come from the seeds, not DOMAIN.md (README "Procedures").
        RuleNames.All.Where(r => r.RuleId is not ("N9" or "N10")).Select(r => (r.RuleId, r.English)).OrderBy(r => r.RuleId)
            .ShouldBe(rules.OrderBy(r => r.Id));
        foreach (var (id, chinese, _) in RuleNames.All)
            chinese.ShouldMatch(@"\p{IsCJKUnifiedIdeographs}", $"{id}'s Chinese name");
        RuleNames.Shown("V7").ShouldBe("V7 任前报备审核");
        RuleNames.Shown("X1").ShouldBe("X1");
        RuleNames.Shown(null).ShouldBe("");
    }

    [GeneratedRegex(@"^- \*\*(?<id>[CNVADP][0-9]+) (?<name>[^*]+)\*\*", RegexOptions.Multiline)]
    private static partial Regex RuleHeading();
}
