using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.VillagePay.Selection;
using Orchestration.VillagePay.Statistics;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>P3's selection funnel as JSON, xlsx, CSV and a chart page: each stage with its pool, the ratio's target, who went on and the shortfall.</summary>
[Collection(VillagePayCollection.Name)]
public sealed class StatisticsTests(VillagePayHostFixture villagePay)
{
    readonly Api api = new(villagePay);

    async Task Advance(Guid round, SelectionStage stage, IEnumerable<Guid> advancing, DateOnly? publicizedOn = null)
    {
        var response = await api.Client().PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/stages",
            new AdvanceSelectionRequest(stage, [.. advancing], $"{stage} decided", publicizedOn));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>20 villages: 5% is exactly one place (不少于5% includes it). Through the county review and the enlarged meeting's 1:3.</summary>
    async Task<int> FunnelThroughTheEnlargedMeeting()
    {
        var year = Api.Today.Year;
        var villages = new List<Guid>();
        for (var i = 1; i <= 20; i++) villages.Add((await api.Village($"嘎查{i:00}", township: $"苏木{i % 3}", principal: $"书记{i:00}")).Id);
        var round = await api.Created<SelectionRoundResponse>("/api/village-pay/selection/rounds", new OpenSelectionRequest(year));
        round.Places.ShouldBe(1);
        var running = new List<Guid>();
        foreach (var village in villages)
            running.Add((await api.Created<SelectionApplicationResponse>($"/api/village-pay/selection/rounds/{round.Id}/applications", new ApplyRequest(village))).Id);
        await Advance(round.Id, SelectionStage.TownshipReview, running = running[..15]);
        await Advance(round.Id, SelectionStage.CountyReview, running = running[..12], Api.Today.AddDays(-30));
        await Advance(round.Id, SelectionStage.Publicity, running = running[1..]);
        await Advance(round.Id, SelectionStage.EnlargedMeeting, running[..3]);
        return year;
    }

    [Fact]
    public async Task P3_the_funnel_lists_each_decided_stage_with_its_ratio_and_reads_back_the_same_from_xlsx_and_csv()
    {
        var year = await FunnelThroughTheEnlargedMeeting();

        var answers = await ReportFiles.FetchAsync(api.Client(), $"/api/village-pay/statistics/selection?year={year}");

        var rows = answers.Json["rows"]!.AsArray().Select(r => (r!["stage"]!.GetValue<string>(), r["pool"]!.GetValue<int>(),
            r["target"]?.GetValue<int>(), r["advanced"]!.GetValue<int>())).ToList();
        rows.ShouldBe(
        [
            ("个人申请", 20, null, 20),
            ("乡镇资格初审", 20, null, 15),
            ("组织部复审", 15, null, 12),
            ("乡镇、嘎查村公示", 12, null, 11),
            ("乡镇扩大会议（1:3）", 11, 3, 3),
        ]);
        answers.Json["note"]!.GetValue<string>().ShouldContain("20个嘎查村，名额1个");
        ReportAnswers.SumOf(answers.Xlsx, "确定（通过）人数").ShouldBe(61);
        ReportAnswers.SumOf(answers.Csv, "确定（通过）人数").ShouldBe(61);
        answers.Xlsx.Select(r => ReportFiles.Text(r["环节"])).ShouldBe(rows.Select(r => r.Item1));
        ReportFiles.Number(answers.Csv[4]["按比例应确定"]).ShouldBe(3);
    }

    [Fact]
    public async Task The_page_draws_a_bar_per_stage_for_the_department_and_a_township_clerk_is_refused()
    {
        var year = await FunnelThroughTheEnlargedMeeting();

        var page = await api.Client().GetStringAsync($"/api/village-pay/statistics.html?year={year}");

        page.ShouldContain("嘎查村干部选聘统计</h1>");
        System.Text.RegularExpressions.Regex.Count(page, "<rect class=\"bar\"").ShouldBe(5);
        page.ShouldContain("data-category=\"乡镇扩大会议（1:3）\" data-series=\"确定（通过）人数\" data-value=\"3\"");
        (await api.Client(Roles.Township).GetAsync("/api/village-pay/statistics.html")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Client(Roles.Township).GetAsync("/api/village-pay/statistics/selection")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Client().GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/village-pay/statistics/selection?year={year - 1}"))!["rows"]!
            .AsArray().ShouldBeEmpty();
    }
}

/// <summary>The funnel's rows from a round's records: a stage short of its ratio shows the shortfall.</summary>
public sealed class StatisticsRulesTests
{
    [Theory]
    [InlineData(33, 0)]
    [InlineData(32, 1)]
    public void P3_a_ratio_stage_that_keeps_fewer_than_its_target_shows_the_shortfall(int advanced, int shortfall)
    {
        var round = new SelectionRound { TenantId = "t", Year = 2026, Villages = 206, Places = 11, OpenedBy = "od" };
        round.Stages.Add(new SelectionStageRecord { Stage = SelectionStage.EnlargedMeeting, Pool = 40, Target = 33, Advanced = advanced,
            Shortfall = SelectionFunnel.Check(SelectionStage.EnlargedMeeting, 11, 40, advanced, new VillagePayOptions()).Shortfall, DecidedBy = "od" });

        var row = SelectionStatistics.Funnel(2026, round, new DateOnly(2026, 5, 1)).Rows.Single(r => (string)r["stage"]! == "乡镇扩大会议（1:3）");

        row["target"].ShouldBe(33);
        row["shortfall"].ShouldBe(shortfall);
    }

    [Fact]
    public void P3_a_year_without_a_round_says_so()
    {
        var table = SelectionStatistics.Funnel(2026, null, new DateOnly(2026, 5, 1));
        table.Rows.ShouldBeEmpty();
        table.Note!.ShouldContain("尚未开展选聘");
    }
}
