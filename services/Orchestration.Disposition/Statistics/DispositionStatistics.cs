using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Reports;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Disposition.Statistics;

/// <summary>A decided case as the statistic counts it: the cadre, where the case came from (D1), the measure (D4) and its county date.</summary>
public sealed record DecidedCase(Guid CadreId, string Source, string Measure, DateOnly DecidedOn);

/// <summary>
/// Seed 003's figures (能上能下): the cadres moved down and out each year, by the source that brought them (D1: joint inspection,
/// audit results, verified reports, partners' notifications, assessment and evaluation, age, health, education) and the measure
/// decided (D4). A year is a county year of the decision date. "Down and out" (下、出) are the adjustments seed 003 lists — 降职,
/// 改任非领导职务, 引咎辞职, 责令辞职, 待岗 — and removal (免职); transfer, training, supervision, admonishment and suspension
/// are measures too and are counted in their own rows, but not as down and out.
/// </summary>
public static class DispositionStatistics
{
    public static readonly IReadOnlySet<string> DownAndOut = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(DispositionMeasure.Removal), nameof(DispositionMeasure.Demotion), nameof(DispositionMeasure.NonLeadershipPost),
        nameof(DispositionMeasure.ResignationTakingResponsibility), nameof(DispositionMeasure.OrderedResignation),
        nameof(DispositionMeasure.WaitingForPost),
    };

    public static readonly IReadOnlyDictionary<string, string> SourceNames = new Dictionary<string, string>
    {
        [CaseSources.InspectionTeam] = "联合督查", [CaseSources.Audit] = "审计结果", [CaseSources.VerifiedReport] = "查核举报",
        [CaseSources.PartnerNotification] = "联系通报", [CaseSources.AssessmentAndEvaluation] = "考核评议", [CaseSources.Age] = "到龄改非",
        [CaseSources.Health] = "因病改非", [CaseSources.Education] = "学历偏低",
    };

    public static readonly IReadOnlyDictionary<string, string> MeasureNames = new Dictionary<string, string>
    {
        [nameof(DispositionMeasure.Removal)] = "免职", [nameof(DispositionMeasure.Demotion)] = "降职",
        [nameof(DispositionMeasure.Transfer)] = "交流", [nameof(DispositionMeasure.WaitingForPost)] = "待岗",
        [nameof(DispositionMeasure.OffPostTraining)] = "离岗培训", [nameof(DispositionMeasure.SupervisingKeyWork)] = "督办重点工作",
        [nameof(DispositionMeasure.NonLeadershipPost)] = "改任非领导职务", [nameof(DispositionMeasure.ResignationTakingResponsibility)] = "引咎辞职",
        [nameof(DispositionMeasure.OrderedResignation)] = "责令辞职", [nameof(DispositionMeasure.Admonishment)] = "诫勉谈话",
        [nameof(DispositionMeasure.SuspensionForExamination)] = "停职检查",
    };

    static string SourceName(string source) => SourceNames.GetValueOrDefault(source, source);

    static string MeasureName(string measure) => MeasureNames.GetValueOrDefault(measure, measure);

    /// <summary>
    /// The cadres of each year from <paramref name="fromYear"/> to <paramref name="toYear"/> (both included), by source and measure;
    /// a cadre counts once per year, source and measure however many cases brought them there.
    /// </summary>
    public static ReportTable Build(IEnumerable<DecidedCase> cases, int fromYear, int toYear, DateOnly asOf)
    {
        var table = new ReportTable
        {
            Title = $"{fromYear}—{toYear}年干部“下”“出”情况（按来源和方式）",
            Note = "D1/D4（种子003）：降职、免职、改任非领导职务、引咎辞职、责令辞职、待岗计为“下”“出”；按决定日期的县年度统计，每人每年每来源每方式计一人。",
            AsOf = asOf,
            Columns = [new("year", "年度"), new("source", "来源"), new("measure", "处理方式"), new("downAndOut", "计入“下”“出”"), new("cadres", "人数")],
            Totals = ["cadres"],
        };
        var rows = cases.Where(c => c.DecidedOn.Year >= fromYear && c.DecidedOn.Year <= toYear)
            .GroupBy(c => (c.DecidedOn.Year, c.Source, c.Measure))
            .Select(g => (g.Key.Year, g.Key.Source, g.Key.Measure, Cadres: g.Select(c => c.CadreId).Distinct().Count()))
            .OrderBy(r => r.Year).ThenBy(r => SourceOrder(r.Source)).ThenBy(r => MeasureOrder(r.Measure));
        foreach (var (year, source, measure, cadres) in rows)
            table.Add(year, SourceName(source), MeasureName(measure), DownAndOut.Contains(measure), cadres);
        return table;
    }

    static int SourceOrder(string source)
    {
        var index = CaseSources.All.ToList().IndexOf(source);
        return index >= 0 ? index : int.MaxValue;
    }

    static int MeasureOrder(string measure) => Enum.TryParse<DispositionMeasure>(measure, out var m) ? (int)m : int.MaxValue;

    /// <summary>The chart: for each year, the cadres moved down and out, one bar per source.</summary>
    public static string Chart(ReportTable table, int fromYear, int toYear)
    {
        var years = Enumerable.Range(fromYear, toYear - fromYear + 1).ToList();
        var down = table.Rows.Where(r => r["downAndOut"] is true).ToList();
        var sources = down.Select(r => (string)r["source"]!).Distinct().ToList();
        var series = sources.Select(s => new ChartSeries(s, years.Select(y => (decimal)down.Where(r => (int)r["year"]! == y && (string)r["source"]! == s)
            .Sum(r => (int)r["cadres"]!)).ToList())).ToList();
        return SvgChart.Bars("各年度“下”“出”干部人数（按来源）", [.. years.Select(y => $"{y}年")], series);
    }

    public static async Task<List<DecidedCase>> DecidedAsync(DispositionDbContext db, string tenantId, int fromYear, int toYear, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31));
        return await db.Cases.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.Measure != null && c.DecidedOn != null && c.DecidedOn >= from && c.DecidedOn <= to)
            .Select(c => new DecidedCase(c.CadreId, c.Source, c.Measure!, c.DecidedOn!.Value)).ToListAsync(ct);
    }

    /// <summary>The years asked for, by default the three county years up to this one (seed 003's 近三年).</summary>
    public static (int From, int To) Years(int? fromYear, int? toYear, DateOnly today)
    {
        var to = Math.Clamp(toYear ?? today.Year, 2000, 2100);
        var from = Math.Clamp(fromYear ?? to - 2, 2000, to);
        return (from, to);
    }

    public static void MapStatistics(this RouteGroupBuilder disposition)
    {
        disposition.MapGet("/statistics/dispositions", async ([Description("The first year counted (county calendar); two years before the last (近三年) when left out.")] int? fromYear, [Description("The last year counted (county calendar); the current county year when left out.")] int? toYear, [Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, DispositionDbContext db, CountyClock clock,
                HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var (from, to) = Years(fromYear, toYear, today);
                var table = Build(await DecidedAsync(db, tenant, from, to, ct), from, to, today);
                return ReportExport.Respond(table, format, $"disposition-{from}-{to}");
            })
            .DescribedAsStatistic()
            .WithSummary("Seed 003's figures: cadres moved down and out per county year by D1 source and D4 measure (default: the last three years); format=xlsx or csv exports them.");

        disposition.MapGet("/statistics.html", async ([Description("The first year counted (county calendar); two years before the last (近三年) when left out.")] int? fromYear, [Description("The last year counted (county calendar); the current county year when left out.")] int? toYear, DispositionDbContext db, CountyClock clock, IConfiguration configuration,
                HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var (from, to) = Years(fromYear, toYear, today);
                var table = Build(await DecidedAsync(db, tenant, from, to, ct), from, to, today);
                return ReportPage.Html(ReportPage.Render(ReportPage.Department(configuration, tenant), "组织处理统计", today,
                    [new ReportSection(table, Chart(table, from, to), $"/api/disposition/statistics/dispositions?fromYear={from}&toYear={to}")]));
            })
            .DescribedAsReportPage()
            .WithSummary("The same figures as a page with a chart (统计图表) and links to the exports.");
    }
}
