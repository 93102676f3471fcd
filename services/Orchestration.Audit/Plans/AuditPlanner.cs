using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Plans;

/// <summary>What the planner needs to know about a unit.</summary>
/// <param name="TierSinceYear">The year the unit entered its tier: a never-audited unit's first window starts then.</param>
/// <param name="SpecialFundAuditDueYear">A3: the year by which an audit a special fund owes is due; null when none is owed.</param>
public sealed record PlanningUnit(
    Guid Id,
    string Name,
    int Tier,
    int TierSinceYear,
    int? LastAuditedYear,
    bool LeaderDeparting = false,
    DateOnly? LeaderTenureStart = null,
    int? SpecialFundAuditDueYear = null);

/// <summary>
/// A2 — the yearly audit plan. Tier 1: at least 35% of the units (rounded up) every year and each unit within every 3-year
/// window; tier 2: at least 20% and each within every 5-year window; tier 3: the units whose leader departs, whose leader's tenure
/// reaches 5 years, plus 1–2 sampled. A4's departures and A3's special-fund audits join whatever the tier. Units whose window
/// closes this year come first, then the longest-unaudited, so that the windows keep holding in later years.
/// </summary>
public static class AuditPlanner
{
    public static IReadOnlyList<PlannedAudit> Plan(int year, IReadOnlyCollection<PlanningUnit> units, AuditOptions options, int? tier3Samples = null)
    {
        var planned = new Dictionary<Guid, PlannedAudit>();
        void Add(PlanningUnit unit, PlanReason reason, string why) =>
            planned.TryAdd(unit.Id, new PlannedAudit(unit.Id, unit.Name, unit.Tier, reason, why));

        foreach (var unit in units.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id))
        {
            if (unit.LeaderDeparting) Add(unit, PlanReason.Departure, "A4: the leader is leaving and is audited first (先审后离)");
            else if (unit.Tier == AuditTiers.SpecialTier) Add(unit, PlanReason.SpecialFundTracking, "A3: special tier, tracking audit this year");
            else if (unit.SpecialFundAuditDueYear is { } due && due <= year)
                Add(unit, PlanReason.SpecialFundTracking, $"A3: the special fund's audit is due by {due}");
            else if (unit.Tier == 3 && TenureAuditOwed(unit, year, options) is { } anniversary)
                Add(unit, PlanReason.Tenure, $"A2: the leader's tenure reached {options.Tier3TenureYears} years in {anniversary}");
        }

        Windowed(year, units.Where(u => u.Tier == 1).ToList(), options.Tier1YearlyShare, options.Tier1WindowYears, planned);
        Windowed(year, units.Where(u => u.Tier == 2).ToList(), options.Tier2YearlyShare, options.Tier2WindowYears, planned);

        var samples = tier3Samples ?? options.Tier3SampleMin;
        foreach (var unit in LongestUnauditedFirst(units.Where(u => u.Tier == 3 && !planned.ContainsKey(u.Id))).Take(samples))
            Add(unit, PlanReason.Sample, $"A2: sampled during term, last audited {LastAudited(unit)}");

        return planned.Values.OrderBy(p => p.Tier).ThenBy(p => p.Reason).ThenBy(p => p.UnitName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The units of one tier: every unit whose window closes this year, then the longest-unaudited up to the yearly share.</summary>
    static void Windowed(int year, IReadOnlyList<PlanningUnit> tier, decimal share, int window, Dictionary<Guid, PlannedAudit> planned)
    {
        if (tier.Count == 0) return;
        var quota = YearlyQuota(tier.Count, share);
        foreach (var unit in tier.Where(u => !planned.ContainsKey(u.Id) && Deadline(u, window) <= year))
            planned.Add(unit.Id, new PlannedAudit(unit.Id, unit.Name, unit.Tier, PlanReason.WindowDeadline,
                $"A2: the {window}-year window closes in {Deadline(unit, window)}; last audited {LastAudited(unit)}"));

        var alreadyPlanned = tier.Count(u => planned.ContainsKey(u.Id));
        foreach (var unit in LongestUnauditedFirst(tier.Where(u => !planned.ContainsKey(u.Id))).Take(Math.Max(0, quota - alreadyPlanned)))
            planned.Add(unit.Id, new PlannedAudit(unit.Id, unit.Name, unit.Tier, PlanReason.Quota,
                $"A2: at least {share:P0} of tier {unit.Tier} ({quota} of {tier.Count}) each year; last audited {LastAudited(unit)}"));
    }

    /// <summary>The share rounded up to whole units.</summary>
    public static int YearlyQuota(int units, decimal share) => (int)Math.Ceiling(units * share);

    /// <summary>The last year the unit may go unaudited: a window of <paramref name="window"/> years after its last audit, or its first
    /// window in the tier.</summary>
    public static int Deadline(PlanningUnit unit, int window)
    {
        var firstWindow = unit.TierSinceYear + window - 1;
        return unit.LastAuditedYear is { } last ? Math.Max(last + window, firstWindow) : firstWindow;
    }

    static int? TenureAuditOwed(PlanningUnit unit, int year, AuditOptions options)
    {
        if (unit.LeaderTenureStart is not { } start) return null;
        var anniversary = start.AddYears(options.Tier3TenureYears).Year;
        return anniversary <= year && (unit.LastAuditedYear is not { } last || last < anniversary) ? anniversary : null;
    }

    static IEnumerable<PlanningUnit> LongestUnauditedFirst(IEnumerable<PlanningUnit> units) =>
        units.OrderBy(u => u.LastAuditedYear ?? int.MinValue).ThenBy(u => u.TierSinceYear).ThenBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id);

    static string LastAudited(PlanningUnit unit) => unit.LastAuditedYear?.ToString() ?? "never";
}
