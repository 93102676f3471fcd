using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Reports;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Selection;

namespace Orchestration.VillagePay.Statistics;

/// <summary>
/// P3's selection funnel of one year (seed 004: 206 villages, at least 5% selected): the applications, then each stage as it was
/// decided — how many were in the running, how many the stage's ratio asks for (1:3, 1:2, 20% differential, one per place), how
/// many went on and the shortfall — down to the principals certified. A stage not decided yet shows no row.
/// </summary>
public static class SelectionStatistics
{
    public static string StageName(SelectionStage stage) => stage switch
    {
        SelectionStage.Applications => "个人申请",
        SelectionStage.TownshipReview => "乡镇资格初审",
        SelectionStage.CountyReview => "组织部复审",
        SelectionStage.Publicity => "乡镇、嘎查村公示",
        SelectionStage.EnlargedMeeting => "乡镇扩大会议（1:3）",
        SelectionStage.TownshipCommittee => "乡镇党委会议（1:2）",
        SelectionStage.Inspection => "组织考察（差额20%）",
        SelectionStage.LeadingGroup => "领导小组研究确定",
        SelectionStage.FinalPublicity => "公示后发证",
        _ => stage.ToString(),
    };

    public static ReportTable Funnel(int year, SelectionRound? round, DateOnly asOf)
    {
        var table = new ReportTable
        {
            Title = $"{year}年嘎查村党组织书记选聘享受事业单位工资待遇人员选拔情况",
            Note = round is null
                ? "P3（种子004）：本年度尚未开展选聘。"
                : $"P3（种子004）：全旗（县）{round.Villages}个嘎查村，名额{round.Places}个（不少于5%，向上取整）；比例环节按名额确定人数，不足的列为缺额。",
            AsOf = asOf,
            Columns = [new("stage", "环节"), new("pool", "参加人数"), new("target", "按比例应确定"), new("advanced", "确定（通过）人数"), new("shortfall", "缺额")],
        };
        if (round is null) return table;
        table.Add(StageName(SelectionStage.Applications), round.Applications.Count, null, round.Applications.Count, null);
        foreach (var stage in round.Stages.OrderBy(s => s.Stage).ThenBy(s => s.DecidedAt))
            table.Add(StageName(stage.Stage), stage.Pool, stage.Target, stage.Advanced, stage.Shortfall);
        return table;
    }

    public static string Chart(ReportTable table) =>
        SvgChart.Bars("选拔各环节人数", [.. table.Rows.Select(r => (string)r["stage"]!)],
            [new("确定（通过）人数", [.. table.Rows.Select(r => (decimal)(int)r["advanced"]!)])]);

    public static async Task<SelectionRound?> RoundAsync(VillagePayDbContext db, string tenantId, int year, CancellationToken ct) =>
        await db.SelectionRounds.AsNoTracking().Include(r => r.Applications).Include(r => r.Stages)
            .Where(r => r.TenantId == tenantId && r.Year == year).OrderByDescending(r => r.OpenedAt).FirstOrDefaultAsync(ct);

    public static void MapStatistics(this RouteGroupBuilder villagePay)
    {
        villagePay.MapGet("/statistics/selection", async ([Description("The year counted (county calendar); the current county year when left out.")] int? year, [Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, VillagePayDbContext db, CountyClock clock, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var of = Math.Clamp(year ?? today.Year, 2000, 2100);
                return ReportExport.Respond(Funnel(of, await RoundAsync(db, tenant, of, ct), today), format, $"selection-{of}");
            })
            .DescribedAsStatistic()
            .WithSummary("P3's selection funnel of a county year (default: this one), stage by stage with the ratio's target and the shortfall; format=xlsx or csv exports it.");

        villagePay.MapGet("/statistics.html", async ([Description("The year counted (county calendar); the current county year when left out.")] int? year, VillagePayDbContext db, CountyClock clock, IConfiguration configuration, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var of = Math.Clamp(year ?? today.Year, 2000, 2100);
                var funnel = Funnel(of, await RoundAsync(db, tenant, of, ct), today);
                return ReportPage.Html(ReportPage.Render(ReportPage.Department(configuration, tenant), "嘎查村干部选聘统计", today,
                    [new ReportSection(funnel, Chart(funnel), $"/api/village-pay/statistics/selection?year={of}")]));
            })
            .DescribedAsReportPage()
            .WithSummary("The selection funnel as a page with a chart (统计图表) and links to the exports.");
    }
}
