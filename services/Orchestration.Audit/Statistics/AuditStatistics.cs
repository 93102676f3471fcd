using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Audit.Departures;
using Orchestration.Audit.Plans;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Reports;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Audit.Statistics;

/// <summary>A unit as the coverage counts it: its tier now, the year it entered it, and the years it was audited.</summary>
public sealed record CoveredUnit(Guid Id, int Tier, int TierSinceYear, IReadOnlyCollection<int> AuditedYears);

/// <summary>A departing leader's handover as the statistic counts it (A4).</summary>
public sealed record Handover(DateOnly Deadline, DateOnly? HandedOverOn, bool Cleared);

/// <summary>
/// A2's coverage of one year, per tier: how many units were audited against the yearly quota — tier 1 at least 35% (不少于, so
/// exactly 35% meets it), tier 2 at least 20%, tier 3 one to two sampled, the special tier every unit (A3's tracking audit) — and
/// against the windows: every tier-1 unit within 3 years, every tier-2 unit within 5. A unit is past its window when the window
/// closed before this year without an audit (its first window counts from the year it entered the tier); the year a window closes
/// it is still open.
/// </summary>
public static class AuditStatistics
{
    public static string TierName(int tier) => tier switch
    {
        AuditTiers.SpecialTier => "特殊级别",
        1 => "一级",
        2 => "二级",
        3 => "三级",
        _ => $"{tier}级",
    };

    /// <summary>A2 for one tier: the share to meet (null when the tier counts units), the units that meets it, and the window.</summary>
    public static (decimal? Share, int Required, int? Window, string Requirement) Quota(int tier, int units, AuditOptions options) => tier switch
    {
        1 => (options.Tier1YearlyShare, AuditPlanner.YearlyQuota(units, options.Tier1YearlyShare), options.Tier1WindowYears,
            $"每年不少于{Percent(options.Tier1YearlyShare)}，{options.Tier1WindowYears}年内全覆盖"),
        2 => (options.Tier2YearlyShare, AuditPlanner.YearlyQuota(units, options.Tier2YearlyShare), options.Tier2WindowYears,
            $"每年不少于{Percent(options.Tier2YearlyShare)}，{options.Tier2WindowYears}年内全覆盖"),
        3 => (null, Math.Min(units, options.Tier3SampleMin), null, $"离任必审，任期满{options.Tier3TenureYears}年必审，每年抽审{options.Tier3SampleMin}—{options.Tier3SampleMax}个"),
        _ => (null, units, null, "当年跟踪审计"),
    };

    static string Percent(decimal share) => (share * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>Whether the audited units meet the yearly quota: a share is met at or above it (以上、不少于 include the number).</summary>
    public static bool MeetsQuota(int tier, int units, int audited, AuditOptions options)
    {
        if (units == 0) return true;
        var (share, required, _, _) = Quota(tier, units, options);
        return share is { } s ? audited >= units * s : audited >= required;
    }

    /// <summary>A unit's window has closed before <paramref name="year"/> without an audit: its last audit up to the year, plus the window, is behind it.</summary>
    public static bool PastWindow(CoveredUnit unit, int year, int window)
    {
        var last = unit.AuditedYears.Where(y => y <= year).DefaultIfEmpty().Max();
        var planning = new PlanningUnit(unit.Id, "", unit.Tier, unit.TierSinceYear, last == 0 ? null : last);
        return AuditPlanner.Deadline(planning, window) < year;
    }

    public static ReportTable Coverage(IReadOnlyCollection<CoveredUnit> units, int year, AuditOptions options, DateOnly asOf)
    {
        var table = new ReportTable
        {
            Title = $"{year}年经济责任审计覆盖情况（按等级）",
            Note = "A2（种子004）：一级单位每年审计不少于35%、3年内全覆盖；二级单位每年不少于20%、5年内全覆盖；三级单位离任必审、任期满5年必审、每年抽审1—2个。“不少于”含本数。",
            AsOf = asOf,
            Columns =
            [
                new("tier", "等级"), new("units", "单位数"), new("audited", "本年已审计"), new("coveragePercent", "覆盖率（%）"),
                new("requirement", "要求"), new("required", "应审计（个）"), new("meetsQuota", "达到年度要求"),
                new("withinWindow", "周期内已审计"), new("pastWindow", "超过周期未审计"),
            ],
            Totals = ["units", "audited", "required", "withinWindow", "pastWindow"],
        };
        foreach (var tier in new[] { AuditTiers.SpecialTier, 1, 2, 3 })
        {
            var ofTier = units.Where(u => u.Tier == tier).ToList();
            if (ofTier.Count == 0 && tier == AuditTiers.SpecialTier) continue;
            var audited = ofTier.Count(u => u.AuditedYears.Contains(year));
            var (_, required, window, requirement) = Quota(tier, ofTier.Count, options);
            var within = window is { } w ? ofTier.Count(u => u.AuditedYears.Any(y => y > year - w && y <= year)) : (int?)null;
            var past = window is { } w2 ? ofTier.Count(u => PastWindow(u, year, w2)) : (int?)null;
            var coverage = ofTier.Count == 0 ? 0m : Math.Round(audited * 100m / ofTier.Count, 1);
            table.Add(TierName(tier), ofTier.Count, audited, coverage, requirement, required, MeetsQuota(tier, ofTier.Count, audited, options),
                within, past);
        }
        return table;
    }

    public static string CoverageChart(ReportTable table)
    {
        var tiers = table.Rows.Select(r => (string)r["tier"]!).ToList();
        decimal Of(Dictionary<string, object?> row, string key) => row[key] is int i ? i : 0;
        return SvgChart.Bars("各等级单位审计覆盖", tiers,
        [
            new("单位数", [.. table.Rows.Select(r => Of(r, "units"))]),
            new("本年已审计", [.. table.Rows.Select(r => Of(r, "audited"))]),
            new("应审计", [.. table.Rows.Select(r => Of(r, "required"))]),
            new("超过周期未审计", [.. table.Rows.Select(r => Of(r, "pastWindow"))]),
        ]);
    }

    /// <summary>A4's handovers (限时离任交接): handed over, waiting within the deadline, and past it (the deadline's day is still in time).</summary>
    public static ReportTable Handovers(IReadOnlyCollection<Handover> handovers, DateOnly today)
    {
        var table = new ReportTable
        {
            Title = "离任交接情况",
            Note = "A4（种子000）：先审后离、限时交接；交接期限当日仍在期限内，次日起为逾期。",
            AsOf = today,
            Columns = [new("state", "状态"), new("leaders", "人数")],
            Totals = ["leaders"],
        };
        table.Add("已交接", handovers.Count(h => h.HandedOverOn is not null));
        table.Add("期限内待交接", handovers.Count(h => h.HandedOverOn is null && !h.Cleared && h.Deadline >= today));
        table.Add("逾期未交接", handovers.Count(h => h.HandedOverOn is null && !h.Cleared && h.Deadline < today));
        return table;
    }

    public static string HandoverChart(ReportTable table) =>
        SvgChart.Bars("离任交接", [.. table.Rows.Select(r => (string)r["state"]!)], [new("人数", [.. table.Rows.Select(r => (decimal)(int)r["leaders"]!)])]);

    public static async Task<List<CoveredUnit>> UnitsAsync(AuditDbContext db, string tenantId, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.TenantId == tenantId).Select(u => new { u.Id, u.Tier, u.TierSinceYear }).ToListAsync(ct);
        var audits = await db.Audits.AsNoTracking().Where(a => a.TenantId == tenantId).Select(a => new { a.UnitId, a.Year }).ToListAsync(ct);
        var years = audits.GroupBy(a => a.UnitId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)g.Select(a => a.Year).ToHashSet());
        return [.. units.Select(u => new CoveredUnit(u.Id, u.Tier, u.TierSinceYear, years.GetValueOrDefault(u.Id) ?? []))];
    }

    public static async Task<List<Handover>> HandoversAsync(AuditDbContext db, string tenantId, CancellationToken ct) =>
        await db.DepartureAudits.AsNoTracking().Where(d => d.TenantId == tenantId)
            .Select(d => new Handover(d.HandoverDeadline, d.HandedOverOn, d.Status == DepartureAuditStatus.Cleared)).ToListAsync(ct);

    public static void MapStatistics(this RouteGroupBuilder audit)
    {
        audit.MapGet("/statistics/coverage", async ([Description("The year counted (county calendar); the current county year when left out.")] int? year, [Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, AuditDbContext db, CountyClock clock, IOptions<AuditOptions> options,
                HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var of = Math.Clamp(year ?? today.Year, 2000, 2100);
                return ReportExport.Respond(Coverage(await UnitsAsync(db, tenant, ct), of, options.Value, today), format, $"audit-coverage-{of}");
            })
            .DescribedAsStatistic()
            .WithSummary("A2 coverage of a county year (default: this one) per tier, against the 35%/20% quotas and the 3-/5-year windows; format=xlsx or csv exports it.");

        audit.MapGet("/statistics/handovers", async ([Description("The file to answer with: csv or xlsx; JSON when left out.")] string? format, AuditDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                return ReportExport.Respond(Handovers(await HandoversAsync(db, tenant, ct), today), format, "audit-handovers");
            })
            .DescribedAsStatistic()
            .WithSummary("A4 handovers of departing leaders: handed over, waiting within the deadline, overdue; format=xlsx or csv exports them.");

        audit.MapGet("/statistics.html", async ([Description("The year counted (county calendar); the current county year when left out.")] int? year, AuditDbContext db, CountyClock clock, IOptions<AuditOptions> options,
                Microsoft.Extensions.Configuration.IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var of = Math.Clamp(year ?? today.Year, 2000, 2100);
                var coverage = Coverage(await UnitsAsync(db, tenant, ct), of, options.Value, today);
                var handovers = Handovers(await HandoversAsync(db, tenant, ct), today);
                return ReportPage.Html(ReportPage.Render(ReportPage.Department(configuration, tenant), "经济责任审计统计", today,
                [
                    new ReportSection(coverage, CoverageChart(coverage), $"/api/audit/statistics/coverage?year={of}"),
                    new ReportSection(handovers, HandoverChart(handovers), "/api/audit/statistics/handovers"),
                ]));
            })
            .DescribedAsReportPage()
            .WithSummary("The audit coverage and handovers as a page with charts (统计图表) and links to the exports.");
    }
}
