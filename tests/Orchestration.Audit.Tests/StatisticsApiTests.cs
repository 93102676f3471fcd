using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.Audit.Findings;
using Orchestration.Audit.Units;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

/// <summary>A2's coverage of the county's units, as JSON, xlsx, CSV and a chart page, each adding up the same.</summary>
[Collection(AuditCollection.Name)]
public sealed class StatisticsApiTests(AuditHostFixture audit)
{
    readonly AuditApi api = new(audit);

    async Task<List<UnitResponse>> TierOneUnits(int count)
    {
        var units = new List<UnitResponse>();
        for (var i = 0; i < count; i++) units.Add(await api.Unit($"收费单位{i:00}", 6_000_000, new AuditFactors(CollectsFees: true)));
        units.ShouldAllBe(u => u.Tier == 1);
        return units;
    }

    async Task Audited(UnitResponse unit, int year) =>
        (await api.Client().PostAsJsonAsync("/api/audit/results", new RecordAuditResultRequest(unit.Id, Guid.NewGuid(), year, AuditRating.Satisfactory)))
        .StatusCode.ShouldBe(HttpStatusCode.Created);

    [Theory]
    [InlineData(7, true)]  // 7 of 20 is exactly 35%: 不少于35% is met
    [InlineData(6, false)] // 30%
    public async Task A2_the_year_s_coverage_of_tier_1_meets_the_quota_at_35_percent_and_adds_up_alike_in_json_xlsx_and_csv(int audited, bool meets)
    {
        var units = await TierOneUnits(20);
        foreach (var unit in units.Take(audited)) await Audited(unit, api.Year);
        await Audited(units[^1], api.Year - 1); // last year's audit is in the window, not in this year's coverage

        var answers = await ReportFiles.FetchAsync(api.Client(), $"/api/audit/statistics/coverage?year={api.Year}");

        var tier1 = answers.Json["rows"]!.AsArray().Single(r => r!["tier"]!.GetValue<string>() == "一级")!;
        tier1["units"]!.GetValue<int>().ShouldBe(20);
        tier1["audited"]!.GetValue<int>().ShouldBe(audited);
        tier1["coveragePercent"]!.GetValue<decimal>().ShouldBe(audited * 5m);
        tier1["required"]!.GetValue<int>().ShouldBe(7);
        tier1["meetsQuota"]!.GetValue<bool>().ShouldBe(meets);
        tier1["withinWindow"]!.GetValue<int>().ShouldBe(audited + 1);
        tier1["pastWindow"]!.GetValue<int>().ShouldBe(0);

        foreach (var (header, key) in new[] { ("单位数", "units"), ("本年已审计", "audited"), ("应审计（个）", "required") })
        {
            ReportAnswers.TotalOf(answers.Xlsx, header).ShouldBe(answers.JsonSum(key), header);
            ReportAnswers.TotalOf(answers.Csv, header).ShouldBe(answers.JsonSum(key), header);
            ReportAnswers.SumOf(answers.Xlsx, header).ShouldBe(answers.JsonSum(key), header);
        }
        ReportFiles.Text(answers.Xlsx.Single(r => ReportFiles.Text(r["等级"]) == "一级")["达到年度要求"]).ShouldBe(meets ? "是" : "否");
    }

    [Fact]
    public async Task The_page_draws_each_tier_s_units_and_audits_as_bars_for_the_auditor_and_the_department_and_refuses_others()
    {
        var units = await TierOneUnits(2);
        await Audited(units[0], api.Year);

        var page = await audit.Host.CreateClientFor(api.Tenant, Roles.OrganizationDepartment).GetStringAsync("/api/audit/statistics.html");

        page.ShouldContain("经济责任审计统计</h1>");
        page.ShouldContain("data-category=\"一级\" data-series=\"单位数\" data-value=\"2\"");
        page.ShouldContain("data-category=\"一级\" data-series=\"本年已审计\" data-value=\"1\"");
        System.Text.RegularExpressions.Regex.Count(page, "<svg class=\"chart chart-bar\"").ShouldBe(2, "coverage and handovers");
        (await api.Client().GetAsync("/api/audit/statistics.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var role in new[] { Roles.CommitteeMember, Roles.Township, Roles.Operator })
            (await audit.Host.CreateClientFor(api.Tenant, role).GetAsync("/api/audit/statistics/coverage")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        var other = await api.Client($"county-{Guid.NewGuid():N}"[..16]).GetFromJsonAsync<JsonObject>("/api/audit/statistics/coverage");
        other!["rows"]!.AsArray().Sum(r => r!["units"]!.GetValue<int>()).ShouldBe(0);
    }
}
