using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Reports;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Probation;

namespace Orchestration.Vetting.Statistics;

/// <summary>A publicity round of one year: what was made public in it, and the reports received while it was open.</summary>
public sealed record RoundFigures(int Published, int SentBack, IReadOnlyCollection<ReportVerdict?> Reports);

/// <summary>An appointment with a probation as the statistic counts it (V9).</summary>
public sealed record ProbationCase(DateOnly EndsOn, AppointmentStatus Status);

/// <summary>
/// What vetting reports to the department: the two rounds of personal-matters disclosure (V4: round 1 posted when the candidate is
/// inspected, round 2 published after the decision) and the pre-appointment publicity (V8), each with the reports received while
/// it was open and how they were verified (C4); and the probations (V9) by the year they end — serving, due for review (from the
/// day the probation ends, that day included), confirmed, returned to the original unit, cancelled.
/// </summary>
public static class VettingStatistics
{
    /// <summary>The rounds in the order of the procedure, with the report window each keeps (<see cref="Reports.Report.WindowKind"/>).</summary>
    public static readonly IReadOnlyList<(string WindowKind, string Name)> Rounds =
    [
        ("DisclosurePosting", "第一轮：考察对象个人有关事项公开"),
        ("DisclosurePublication", "第二轮：拟任人选个人有关事项公开"),
        ("Publicity", "任前公示"),
        ("", "公示期外"),
    ];

    public static ReportTable Disclosures(int year, IReadOnlyDictionary<string, RoundFigures> rounds, DateOnly asOf)
    {
        var table = new ReportTable
        {
            Title = $"{year}年个人有关事项两轮公开、任前公示及举报情况",
            Note = "V4/V8/C4（种子004）：两轮公开各5个工作日，公开和公示期间收到的举报逐件核查；按县年度统计。",
            AsOf = asOf,
            Columns =
            [
                new("round", "轮次"), new("published", "公开（公示）人数"), new("sentBack", "退回重填"), new("reports", "收到举报"),
                new("notAffecting", "不影响任用"), new("confirmed", "查实"), new("criminal", "移送司法"), new("unverified", "待核查"),
            ],
            Totals = ["published", "sentBack", "reports", "notAffecting", "confirmed", "criminal", "unverified"],
        };
        foreach (var (kind, name) in Rounds)
        {
            var figures = rounds.GetValueOrDefault(kind) ?? new RoundFigures(0, 0, []);
            if (kind == "" && figures.Reports.Count == 0) continue;
            table.Add(name, figures.Published, figures.SentBack, figures.Reports.Count, figures.Reports.Count(v => v == ReportVerdict.NotAffecting),
                figures.Reports.Count(v => v == ReportVerdict.Confirmed), figures.Reports.Count(v => v == ReportVerdict.Criminal),
                figures.Reports.Count(v => v is null));
        }
        return table;
    }

    public static string DisclosureChart(ReportTable table)
    {
        var rounds = table.Rows.Select(r => ((string)r["round"]!).Split('：')[0]).ToList();
        return SvgChart.Bars("各轮公开（公示）与举报", rounds,
        [
            new("公开（公示）人数", [.. table.Rows.Select(r => (decimal)(int)r["published"]!)]),
            new("收到举报", [.. table.Rows.Select(r => (decimal)(int)r["reports"]!)]),
            new("查实", [.. table.Rows.Select(r => (decimal)(int)r["confirmed"]!)]),
        ]);
    }

    /// <summary>V9: a probation on or after its end date is due for review (<see cref="ProbationRules.IsDue"/>).</summary>
    public static string Outcome(ProbationCase probation, DateOnly today) => probation.Status switch
    {
        AppointmentStatus.Formal => "期满正式任职",
        AppointmentStatus.Reverted => "不合格退回原单位",
        AppointmentStatus.Cancelled => "举报查实取消",
        _ when ProbationRules.IsDue(today, probation.EndsOn) => "期满待考核",
        _ => "试用期中",
    };

    static readonly string[] Outcomes = ["试用期中", "期满待考核", "期满正式任职", "不合格退回原单位", "举报查实取消"];

    public static ReportTable Probations(IReadOnlyCollection<ProbationCase> probations, DateOnly today)
    {
        var table = new ReportTable
        {
            Title = "试用期干部情况（按期满年度）",
            Note = "V9（种子001、002）：试用期满进行民主测评和考核，合格的正式任职，不合格的退回原单位；期满之日起即应考核。",
            AsOf = today,
            Columns = [new("year", "期满年度"), new("outcome", "结果"), new("cadres", "人数")],
            Totals = ["cadres"],
        };
        foreach (var year in probations.GroupBy(p => p.EndsOn.Year).OrderBy(g => g.Key))
            foreach (var outcome in Outcomes)
                if (year.Count(p => Outcome(p, today) == outcome) is var count and > 0)
                    table.Add(year.Key, outcome, count);
        return table;
    }

    public static string ProbationChart(ReportTable table)
    {
        var years = table.Rows.Select(r => (int)r["year"]!).Distinct().Order().ToList();
        var outcomes = Outcomes.Where(o => table.Rows.Any(r => (string)r["outcome"]! == o)).ToList();
        return SvgChart.Bars("试用期结果（按期满年度）", [.. years.Select(y => $"{y}年")],
            [.. outcomes.Select(o => new ChartSeries(o, [.. years.Select(y => (decimal)table.Rows.Where(r => (int)r["year"]! == y && (string)r["outcome"]! == o)
                .Sum(r => (int)r["cadres"]!))]))]);
    }

    public static async Task<Dictionary<string, RoundFigures>> RoundsAsync(VettingDbContext db, CountyClock clock, string tenantId, int year,
        CancellationToken ct)
    {
        // A county year's instants: from its first midnight to the next year's, in county time.
        var (from, to) = (clock.StartOf(new DateOnly(year, 1, 1), tenantId), clock.StartOf(new DateOnly(year + 1, 1, 1), tenantId));
        var filed = await db.Disclosures.AsNoTracking().Where(d => d.TenantId == tenantId && d.RecordedAt >= from && d.RecordedAt < to)
            .Select(d => d.Outcome).ToListAsync(ct);
        var published = await db.DisclosurePublications.CountAsync(p => p.TenantId == tenantId && p.RecordedAt >= from && p.RecordedAt < to, ct);
        var publicities = await db.Publicities.CountAsync(p => p.TenantId == tenantId && p.RecordedAt >= from && p.RecordedAt < to, ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.TenantId == tenantId && r.ReceivedAt >= from && r.ReceivedAt < to)
            .Select(r => new { r.WindowKind, r.Verdict }).ToListAsync(ct);
        List<ReportVerdict?> Of(string kind) => [.. reports.Where(r => (r.WindowKind ?? "") == kind).Select(r => r.Verdict)];
        return new()
        {
            ["DisclosurePosting"] = new(filed.Count(o => o == Contracts.Outcomes.Passed), filed.Count(o => o == DisclosureOutcomes.SentBack), Of("DisclosurePosting")),
            ["DisclosurePublication"] = new(published, 0, Of("DisclosurePublication")),
            ["Publicity"] = new(publicities, 0, Of("Publicity")),
            [""] = new(0, 0, Of("")),
        };
    }

    public static async Task<List<ProbationCase>> ProbationsAsync(VettingDbContext db, string tenantId, CancellationToken ct) =>
        await db.Appointments.AsNoTracking().Where(a => a.TenantId == tenantId && a.ProbationEndsOn != null)
            .Select(a => new ProbationCase(a.ProbationEndsOn!.Value, a.Status)).ToListAsync(ct);

    public static void MapStatistics(this RouteGroupBuilder vetting)
    {
        vetting.MapGet("/statistics/disclosures", async ([Description("The year counted (county calendar); the current county year when left out.")] int? year, [Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, VettingDbContext db, CountyClock clock, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var of = Math.Clamp(year ?? today.Year, 2000, 2100);
                return ReportExport.Respond(Disclosures(of, await RoundsAsync(db, clock, tenant, of, ct), today), format, $"disclosures-{of}");
            })
            .DescribedAsStatistic()
            .WithSummary("V4/V8/C4 of a county year (default: this one): people made public in each disclosure round and the publicity, and the reports received in each with their verification; format=xlsx or csv exports them.");

        vetting.MapGet("/statistics/probation", async ([Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, VettingDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                return ReportExport.Respond(Probations(await ProbationsAsync(db, tenant, ct), clock.Today(tenant)), format, "probation");
            })
            .DescribedAsStatistic()
            .WithSummary("V9 probation outcomes by the year the probation ends: serving, due for review, confirmed, returned, cancelled; format=xlsx or csv exports them.");

        vetting.MapGet("/statistics.html", async ([Description("The year counted (county calendar); the current county year when left out.")] int? year, VettingDbContext db, CountyClock clock, IConfiguration configuration, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var of = Math.Clamp(year ?? today.Year, 2000, 2100);
                var rounds = Disclosures(of, await RoundsAsync(db, clock, tenant, of, ct), today);
                var probations = Probations(await ProbationsAsync(db, tenant, ct), today);
                return ReportPage.Html(ReportPage.Render(ReportPage.Department(configuration, tenant), "考察公开公示与试用期统计", today,
                [
                    new ReportSection(rounds, DisclosureChart(rounds), $"/api/vetting/statistics/disclosures?year={of}"),
                    new ReportSection(probations, ProbationChart(probations), "/api/vetting/statistics/probation"),
                ]));
            })
            .DescribedAsReportPage()
            .WithSummary("The disclosure rounds, reports and probations as a page with charts (统计图表) and links to the exports.");
    }
}
