using System.Net;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Vetting.Disclosures;
using Orchestration.Vetting.IntegrityExams;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Reports;
using Orchestration.Vetting.Statistics;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>The disclosure rounds with their reports (V4, C4) and the probations' outcomes (V9), as JSON, xlsx, CSV and a chart page.</summary>
[Collection(VettingCollection.Name)]
public sealed class StatisticsTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    static DateOnly Today => VettingApi.Today;

    async Task<AppointmentResponse> OnProbation(DateOnly appointedOn)
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 80));
        return await api.Post<AppointmentResponse>("appointments",
            new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy, AppointedOn: appointedOn));
    }

    [Fact]
    public async Task V4_C4_each_round_counts_the_people_made_public_and_the_reports_received_while_it_was_open_alike_in_json_xlsx_and_csv()
    {
        var posted = Guid.NewGuid();
        await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(posted, DisclosureRank.Deputy, VettingApi.AllNineCategories(), "自评", Today));
        await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(Guid.NewGuid(), DisclosureRank.Deputy,
            [.. VettingApi.AllNineCategories().Skip(1)], "自评", Today)); // sent back
        var during = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(posted, "反映其住房超标"));
        await api.Post<ReportResponse>($"reports/{during.Id}/verification", new VerifyReportRequest(ReportVerdict.NotAffecting, "核查小组"), HttpStatusCode.OK);
        await api.Post<ReportResponse>("reports", new ReceiveReportRequest(Guid.NewGuid(), "反映其违规经商")); // no window open for this cadre

        var answers = await ReportFiles.FetchAsync(api.Client(), $"/api/vetting/statistics/disclosures?year={Today.Year}");

        var rows = answers.Json["rows"]!.AsArray().ToDictionary(r => r!["round"]!.GetValue<string>(), r => r!);
        rows.Keys.ShouldBe(["第一轮：考察对象个人有关事项公开", "第二轮：拟任人选个人有关事项公开", "任前公示", "公示期外"]);
        var first = rows["第一轮：考察对象个人有关事项公开"];
        (first["published"]!.GetValue<int>(), first["sentBack"]!.GetValue<int>(), first["reports"]!.GetValue<int>(),
            first["notAffecting"]!.GetValue<int>(), first["unverified"]!.GetValue<int>()).ShouldBe((1, 1, 1, 1, 0));
        rows["公示期外"]["unverified"]!.GetValue<int>().ShouldBe(1);
        foreach (var (header, key) in new[] { ("公开（公示）人数", "published"), ("收到举报", "reports"), ("待核查", "unverified") })
        {
            ReportAnswers.TotalOf(answers.Xlsx, header).ShouldBe(answers.JsonSum(key), header);
            ReportAnswers.TotalOf(answers.Csv, header).ShouldBe(answers.JsonSum(key), header);
        }
        answers.JsonSum("reports").ShouldBe(2);

        // Another year has none of them.
        (await ReportFiles.FetchAsync(api.Client(), $"/api/vetting/statistics/disclosures?year={Today.Year - 1}")).JsonSum("reports").ShouldBe(0);
    }

    [Fact]
    public async Task V9_a_probation_is_due_for_review_from_the_day_it_ends_and_the_outcomes_add_up_alike_in_json_xlsx_and_csv()
    {
        await OnProbation(Today.AddYears(-1));          // ends today: due
        await OnProbation(Today.AddYears(-1).AddDays(1)); // ends tomorrow: still serving
        var confirmed = await OnProbation(Today.AddYears(-1).AddDays(-3));
        await api.Post<AppointmentResponse>($"appointments/{confirmed.Id}/probation-review", new ReviewProbationRequest(true, "民主测评：称职"), HttpStatusCode.OK);

        var answers = await ReportFiles.FetchAsync(api.Client(), "/api/vetting/statistics/probation");

        var rows = answers.Json["rows"]!.AsArray().Select(r => (r!["year"]!.GetValue<int>(), r["outcome"]!.GetValue<string>(), r["cadres"]!.GetValue<int>())).ToList();
        rows.Where(r => r.Item2 == "期满待考核").Sum(r => r.Item3).ShouldBe(1);
        rows.Where(r => r.Item2 == "试用期中").Sum(r => r.Item3).ShouldBe(1);
        rows.Where(r => r.Item2 == "期满正式任职").Sum(r => r.Item3).ShouldBe(1);
        answers.JsonSum("cadres").ShouldBe(3);
        ReportAnswers.TotalOf(answers.Xlsx, "人数").ShouldBe(3);
        ReportAnswers.TotalOf(answers.Csv, "人数").ShouldBe(3);
    }

    [Fact]
    public async Task The_page_draws_the_rounds_and_the_probations_for_the_department_only()
    {
        await OnProbation(Today.AddYears(-1));

        var page = await api.Client().GetStringAsync("/api/vetting/statistics.html");

        page.ShouldContain("考察公开公示与试用期统计</h1>");
        page.ShouldContain($"data-category=\"{Today.Year}年\" data-series=\"期满待考核\" data-value=\"1\"");
        System.Text.RegularExpressions.Regex.Count(page, "<rect class=\"bar\"").ShouldBeGreaterThanOrEqualTo(3 * 3 + 1);
        foreach (var role in new[] { Roles.CommitteeMember, Roles.CommitteeSecretary, Roles.Auditor, Roles.Operator })
        {
            (await api.Client(role: role).GetAsync("/api/vetting/statistics.html")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await api.Client(role: role).GetAsync("/api/vetting/statistics/probation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }
        (await api.Get<System.Text.Json.Nodes.JsonObject>("statistics/probation", VettingApi.NewTenant()))["rows"]!.AsArray().ShouldBeEmpty();
    }
}

/// <summary>V9's outcomes as the statistic names them, on both sides of the probation's end.</summary>
public sealed class StatisticsRulesTests
{
    [Theory]
    [InlineData(-1, "试用期中")]
    [InlineData(0, "期满待考核")]
    [InlineData(1, "期满待考核")]
    public void V9_an_unreviewed_probation_is_due_from_its_last_day(int daysAfterEnd, string outcome)
    {
        var ends = new DateOnly(2026, 7, 1);
        VettingStatistics.Outcome(new ProbationCase(ends, AppointmentStatus.OnProbation), ends.AddDays(daysAfterEnd)).ShouldBe(outcome);
    }

    [Theory]
    [InlineData(AppointmentStatus.Formal, "期满正式任职")]
    [InlineData(AppointmentStatus.Reverted, "不合格退回原单位")]
    [InlineData(AppointmentStatus.Cancelled, "举报查实取消")]
    public void V9_a_reviewed_or_cancelled_probation_keeps_its_outcome(AppointmentStatus status, string outcome) =>
        VettingStatistics.Outcome(new ProbationCase(new DateOnly(2026, 7, 1), status), new DateOnly(2026, 1, 1)).ShouldBe(outcome);

    [Fact]
    public void C4_reports_outside_any_window_show_only_when_there_are_some()
    {
        var empty = VettingStatistics.Disclosures(2026, new Dictionary<string, RoundFigures>(), new DateOnly(2026, 1, 1));
        empty.Rows.Count.ShouldBe(3);
        empty.Sum("published").ShouldBe(0);
    }
}
