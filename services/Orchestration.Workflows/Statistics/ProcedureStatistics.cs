using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Orchestration.ServiceDefaults.Reports;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Reminders;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Statistics;

/// <summary>A procedure in progress waiting at one step: when the procedure started and when the wait began.</summary>
public sealed record WaitingStep(Guid InstanceId, string Procedure, string Step, DateTimeOffset StartedAt, DateTimeOffset WaitingSince);

/// <summary>
/// What the workflow server reports to the department: the procedures in progress, by the step each waits at, with their age in
/// county days (since the procedure started, and since it reached the step); and the waits with a date (the reminders: talks,
/// revisits, handovers, reviews) that are overdue or come within the horizon, by kind. A wait for a person's fact is overdue
/// after <see cref="ReminderQueries.OverdueAfter"/>, a timer once it is due: the reminders' own rule.
/// </summary>
public static class ProcedureStatistics
{
    /// <summary>Days between two county dates of the instants, as a department counts them.</summary>
    static int Days(CountyClock clock, string tenantId, DateTimeOffset since, DateOnly today) => today.DayNumber - clock.DateOf(since, tenantId).DayNumber;

    public static ReportTable InProgress(IReadOnlyCollection<WaitingStep> waits, CountyClock clock, string tenantId)
    {
        var today = clock.Today(tenantId);
        var table = new ReportTable
        {
            Title = "办理中的程序（按当前环节）",
            Note = "C1：运行中或暂停的程序按其等待的环节统计；已办天数自程序启动之日起，环节等待天数自到达该环节之日起，按县日期计。",
            AsOf = today,
            Columns =
            [
                new("procedure", "程序"), new("step", "当前环节"), new("procedures", "件数"), new("averageAgeDays", "平均已办天数"),
                new("oldestAgeDays", "最长已办天数"), new("longestAtStepDays", "本环节最长等待天数"),
            ],
            Totals = ["procedures"],
        };
        foreach (var group in waits.GroupBy(w => (w.Procedure, w.Step)).OrderBy(g => g.Key.Procedure, StringComparer.Ordinal).ThenBy(g => g.Min(w => w.WaitingSince)))
        {
            var ages = group.Select(w => Days(clock, tenantId, w.StartedAt, today)).ToList();
            table.Add(group.Key.Procedure, group.Key.Step, group.Select(w => w.InstanceId).Distinct().Count(), Math.Round((decimal)ages.Average(), 1),
                ages.Max(), group.Max(w => Days(clock, tenantId, w.WaitingSince, today)));
        }
        return table;
    }

    public static string InProgressChart(ReportTable table) =>
        SvgChart.Bars("办理中的程序件数（按当前环节）", [.. table.Rows.Select(r => (string)r["step"]!)],
            [new("件数", [.. table.Rows.Select(r => (decimal)(int)r["procedures"]!)])]);

    /// <summary>The kinds of dated waits the department follows, found in the step's name or id.</summary>
    public static string KindOf(Reminder reminder)
    {
        var text = $"{reminder.Step} {reminder.ActivityId}".ToLowerInvariant();
        if (text.Contains("revisit", StringComparison.Ordinal) || text.Contains("回访", StringComparison.Ordinal)) return "回访";
        if (text.Contains("talk", StringComparison.Ordinal) || text.Contains("谈话", StringComparison.Ordinal)) return "谈心谈话";
        if (text.Contains("handover", StringComparison.Ordinal) || text.Contains("交接", StringComparison.Ordinal)
            || text.Contains("departure", StringComparison.Ordinal) || text.Contains("离任", StringComparison.Ordinal)) return "离任交接";
        if (text.Contains("review", StringComparison.Ordinal) || text.Contains("审核", StringComparison.Ordinal)
            || text.Contains("probation", StringComparison.Ordinal) || text.Contains("试用", StringComparison.Ordinal)) return "审核考核";
        return "其他";
    }

    static readonly string[] Kinds = ["谈心谈话", "回访", "离任交接", "审核考核", "其他"];

    public static ReportTable Waits(IReadOnlyCollection<Reminder> reminders, int withinDays, DateOnly today)
    {
        var table = new ReportTable
        {
            Title = "到期与逾期事项（按类别）",
            Note = $"谈话、回访、交接、审核等有期限的等待：定时的到期即逾期，等待经办人记录的等待满{ReminderQueries.OverdueAfter.TotalDays:0}天后逾期；即将到期为{withinDays}天内到期。",
            AsOf = today,
            Columns = [new("kind", "类别"), new("overdue", "逾期"), new("upcoming", "即将到期"), new("longestWaitDays", "逾期最长天数")],
            Totals = ["overdue", "upcoming"],
        };
        foreach (var kind in Kinds)
        {
            var ofKind = reminders.Where(r => KindOf(r) == kind).ToList();
            if (ofKind.Count == 0 && kind == "其他") continue;
            var overdue = ofKind.Where(r => r.Overdue).ToList();
            table.Add(kind, overdue.Count, ofKind.Count - overdue.Count, overdue.Count == 0 ? 0 : overdue.Max(r => today.DayNumber - r.DueOn.DayNumber));
        }
        return table;
    }

    public static string WaitsChart(ReportTable table) =>
        SvgChart.Bars("到期与逾期事项", [.. table.Rows.Select(r => (string)r["kind"]!)],
        [
            new("逾期", [.. table.Rows.Select(r => (decimal)(int)r["overdue"]!)]),
            new("即将到期", [.. table.Rows.Select(r => (decimal)(int)r["upcoming"]!)]),
        ]);

    public static async Task<List<WaitingStep>> WaitingAsync(WorkflowDbContext db, string tenantId, CancellationToken ct)
    {
        var waits = await (from b in db.Bookmarks.AsNoTracking()
                           join i in db.Instances.AsNoTracking() on b.InstanceId equals i.Id
                           where i.TenantId == tenantId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended)
                           select new { b.InstanceId, b.ActivityId, b.CreatedAt, i.Name, StartedAt = i.CreatedAt }).Take(10_000).ToListAsync(ct);
        var ids = waits.Select(w => w.InstanceId).Distinct().ToList();
        var names = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId) && j.EventName == "Suspended" && j.ActivityName != null)
                .Select(j => new { j.InstanceId, j.ActivityId, j.ActivityName, j.Sequence }).ToListAsync(ct))
            .GroupBy(j => (j.InstanceId, j.ActivityId)).ToDictionary(g => g.Key, g => g.OrderByDescending(j => j.Sequence).First().ActivityName!);
        return [.. waits.Select(w => new WaitingStep(w.InstanceId, w.Name, names.GetValueOrDefault((w.InstanceId, (string?)w.ActivityId)) ?? w.ActivityId,
            w.StartedAt, w.CreatedAt))];
    }

    public static void MapStatistics(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").WithTags("Workflows");

        api.MapGet("/statistics/procedures", async ([Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, WorkflowDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                return ReportExport.Respond(InProgress(await WaitingAsync(db, tenant, ct), clock, tenant), format, "procedures-in-progress");
            })
            .DescribedAsStatistic()
            .WithSummary("The county's procedures in progress by the step each waits at, with their age in county days; format=xlsx or csv exports them.");

        api.MapGet("/statistics/waits", async ([Description("How many days ahead to count the waits falling due; 30 when left out (0 to 366).")] int? withinDays, [Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, WorkflowDbContext db, CountyClock clock, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var within = Math.Clamp(withinDays ?? 30, 0, 366);
                var reminders = await ReminderQueries.ForTenantAsync(db, clock, tenant, within, null, ct);
                return ReportExport.Respond(Waits(reminders, within, clock.Today(tenant)), format, "waits");
            })
            .DescribedAsStatistic()
            .WithSummary("Overdue and upcoming dated waits (talks, revisits, handovers, reviews) by kind, from the reminders; format=xlsx or csv exports them.");

        api.MapGet("/statistics.html", async ([Description("How many days ahead to count the waits falling due; 30 when left out (0 to 366).")] int? withinDays, WorkflowDbContext db, CountyClock clock, IConfiguration configuration, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var within = Math.Clamp(withinDays ?? 30, 0, 366);
                var today = clock.Today(tenant);
                var inProgress = InProgress(await WaitingAsync(db, tenant, ct), clock, tenant);
                var waits = Waits(await ReminderQueries.ForTenantAsync(db, clock, tenant, within, null, ct), within, today);
                return ReportPage.Html(ReportPage.Render(ReportPage.Department(configuration, tenant), "干部工作程序统计", today,
                [
                    new ReportSection(inProgress, InProgressChart(inProgress), "/api/workflows/statistics/procedures"),
                    new ReportSection(waits, WaitsChart(waits), $"/api/workflows/statistics/waits?withinDays={within}"),
                ]));
            })
            .DescribedAsReportPage()
            .WithSummary("The procedures in progress and the overdue waits as a page with charts (统计图表), linking the other services' pages and the exports.");
    }
}
