using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Statistics;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

/// <summary>Seed 003's figures: the cadres moved down and out per year, by source and measure, as JSON, xlsx, CSV and a chart page.</summary>
[Collection(DispositionCollection.Name)]
public sealed class StatisticsTests(DispositionHostFixture disposition)
{
    readonly DispositionApi api = new(disposition);

    /// <summary>A case from <paramref name="source"/> taken through the six steps to <paramref name="measure"/>, decided on <paramref name="decidedOn"/>.</summary>
    async Task Decided(string source, DispositionMeasure measure, DateOnly decidedOn, Guid? cadre = null)
    {
        var @case = await DispositionApi.Read<CaseResponse>(await api.Client().PostAsJsonAsync("/api/disposition/cases",
            new OpenCaseRequest(cadre ?? Guid.NewGuid(), source, "grounds stated by the source", SourceReference: Guid.NewGuid().ToString())));
        foreach (var step in DispositionSteps.InOrder.Skip(1))
            (await api.Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/steps",
                new TakeStepRequest(step, $"{step} done", step == DispositionSteps.Decision ? measure : null))).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The decision was taken today; the statistic reads the decision's county date, moved back to the year under test.
        await api.Db(db => db.Cases.Where(c => c.Id == @case.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DecidedOn, decidedOn)));
    }

    const string Path = "/api/disposition/statistics/dispositions?fromYear=2024&toYear=2026";

    [Fact]
    public async Task D1_D4_the_cadres_moved_down_and_out_count_by_year_source_and_measure_within_the_years_and_add_up_alike_in_json_xlsx_and_csv()
    {
        var twice = Guid.NewGuid();
        await Decided(CaseSources.Audit, DispositionMeasure.Demotion, new DateOnly(2024, 1, 1)); // the first day of the range
        await Decided(CaseSources.Audit, DispositionMeasure.Demotion, new DateOnly(2023, 12, 31)); // the day before it: not counted
        await Decided(CaseSources.VerifiedReport, DispositionMeasure.Removal, new DateOnly(2025, 6, 30), twice);
        await Decided(CaseSources.VerifiedReport, DispositionMeasure.Removal, new DateOnly(2025, 9, 1), twice); // the same cadre: one person
        await Decided(CaseSources.VerifiedReport, DispositionMeasure.Removal, new DateOnly(2025, 12, 31));
        await Decided(CaseSources.Age, DispositionMeasure.NonLeadershipPost, new DateOnly(2026, 3, 1));
        await Decided(CaseSources.InspectionTeam, DispositionMeasure.Transfer, new DateOnly(2026, 12, 31)); // a measure, not down and out

        var answers = await ReportFiles.FetchAsync(api.Client(), Path);

        var rows = answers.Json["rows"]!.AsArray().Select(r => (r!["year"]!.GetValue<int>(), r["source"]!.GetValue<string>(),
            r["measure"]!.GetValue<string>(), r["downAndOut"]!.GetValue<bool>(), r["cadres"]!.GetValue<int>())).ToList();
        rows.ShouldBe(
        [
            (2024, "审计结果", "降职", true, 1),
            (2025, "查核举报", "免职", true, 2),
            (2026, "联合督查", "交流", false, 1),
            (2026, "到龄改非", "改任非领导职务", true, 1),
        ]);
        answers.JsonSum("cadres").ShouldBe(5);
        ReportAnswers.TotalOf(answers.Xlsx, "人数").ShouldBe(5);
        ReportAnswers.SumOf(answers.Xlsx, "人数").ShouldBe(5);
        ReportAnswers.TotalOf(answers.Csv, "人数").ShouldBe(5);
        ReportAnswers.SumOf(answers.Csv, "人数").ShouldBe(5);
        answers.Xlsx[0].Keys.ShouldBe(["年度", "来源", "处理方式", "计入“下”“出”", "人数"]);
        ReportFiles.Text(answers.Csv[1]["来源"]).ShouldBe("查核举报");
    }

    [Fact]
    public async Task The_page_draws_a_bar_per_year_and_source_under_the_department_s_heading_with_links_to_the_exports()
    {
        await Decided(CaseSources.PartnerNotification, DispositionMeasure.Demotion, new DateOnly(2024, 4, 1));
        await Decided(CaseSources.AssessmentAndEvaluation, DispositionMeasure.Removal, new DateOnly(2026, 4, 1));

        var page = await api.Client().GetStringAsync("/api/disposition/statistics.html?fromYear=2024&toYear=2026");

        page.ShouldContain("<h1>县委组织部 组织处理统计</h1>");
        System.Text.RegularExpressions.Regex.Count(page, "<rect class=\"bar\"").ShouldBe(3 * 2, "three years, two sources");
        page.ShouldContain("data-category=\"2024年\" data-series=\"联系通报\" data-value=\"1\"");
        page.ShouldContain("data-category=\"2026年\" data-series=\"考核评议\" data-value=\"1\"");
        page.ShouldContain("data-category=\"2025年\" data-series=\"考核评议\" data-value=\"0\"");
        page.ShouldContain("format=xlsx");
        page.ShouldContain("format=csv");
    }

    [Fact]
    public async Task The_statistic_is_the_department_s_and_of_its_own_county_only()
    {
        await Decided(CaseSources.Audit, DispositionMeasure.Demotion, new DateOnly(2025, 2, 2));

        foreach (var path in new[] { Path, "/api/disposition/statistics.html" })
        {
            (await disposition.Host.CreateClientFor(api.Tenant, Roles.CommitteeMember).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await disposition.Host.CreateClientFor(api.Tenant, Roles.Auditor).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await disposition.Host.CreateClient().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var other = await api.Client($"county-{Guid.NewGuid():N}"[..16]).GetFromJsonAsync<JsonObject>(Path);
        other!["rows"]!.AsArray().ShouldBeEmpty();
        (await api.Client().GetAsync($"{Path}&format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
