using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Audit.Departures;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Plans;

/// <summary>Draws up a year's plan from the tenant's units (A2) and announces it; a plan already drawn up is answered again.</summary>
public sealed class AuditPlans(AuditDbContext db, IOptions<AuditOptions> options, TimeProvider time)
{
    /// <summary>Adds the plan and its result event to the unit of work; the caller saves. <c>Created</c> is false when the year had one.</summary>
    public async Task<(AuditPlan Plan, bool Created)> DrawUpAsync(DrawUpAuditPlan command, string drawnUpBy, CancellationToken cancellationToken)
    {
        Check(command);
        var plan = await db.Plans.Include(p => p.Entries).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.TenantId == command.TenantId && p.Year == command.Year, cancellationToken);
        var created = plan is null;
        if (plan is null)
        {
            var units = await PlanningUnitsAsync(command.TenantId, cancellationToken);
            var planned = AuditPlanner.Plan(command.Year, units, options.Value, command.Tier3Samples);
            plan = new AuditPlan
            {
                Id = Guid.CreateVersion7(),
                TenantId = command.TenantId,
                Year = command.Year,
                ProcedureId = command.ProcedureId,
                DrawnUpBy = drawnUpBy,
                DrawnUpAt = time.GetUtcNow(),
            };
            plan.Entries.AddRange(planned.Select(p => new AuditPlanEntry
            {
                Id = Guid.CreateVersion7(), PlanId = plan.Id, UnitId = p.UnitId, UnitName = p.UnitName, Tier = p.Tier,
                Reason = p.Reason.ToString(), Explanation = p.Explanation,
            }));
            db.Plans.Add(plan);
            var leaders = await db.Units.AsNoTracking().Where(u => u.TenantId == command.TenantId && u.LeaderCadreId != null)
                .ToDictionaryAsync(u => u.Id, u => u.LeaderCadreId, cancellationToken);
            foreach (var entry in plan.Entries)
                AnnouncePlannedAudit(db, plan.TenantId, plan.Year, entry.UnitId, entry.UnitName, leaders.GetValueOrDefault(entry.UnitId), null,
                    plan.DrawnUpAt);
        }

        db.PublishViaOutbox(new AuditPlanDrawnUp(command.ProcedureId, plan.TenantId, plan.Id, plan.Year, ToPlanned(plan), Outcomes.Done, "A2",
            $"{plan.Entries.Count} audits planned for {plan.Year}"), PartitionKey(plan.TenantId));
        return (plan, created);
    }

    /// <summary>The reminders' key of a unit's audit planned for a year.</summary>
    public static string PlannedAuditKey(int year, Guid unitId) => $"audit/plan/{year}/unit/{unitId}";

    /// <summary>
    /// A2: a unit's audit planned for <paramref name="year"/>, for the department's reminders (<see cref="Contracts.Workflows.ServiceDeadline"/>):
    /// due by the year's last county day (31 December), announced open when the plan is drawn up and met when the year's audit of the
    /// unit is recorded (<paramref name="metOn"/>). The unit's leader is the cadre concerned.
    /// </summary>
    public static void AnnouncePlannedAudit(AuditDbContext db, string tenantId, int year, Guid unitId, string unitName, Guid? leader, DateOnly? metOn,
        DateTimeOffset at) =>
        db.PublishViaOutbox(new Contracts.Workflows.ServiceDeadline(tenantId, PlannedAuditKey(year, unitId), "audit", "planned-audit",
            $"计划审计：{unitName}（{year}年）", leader, new DateOnly(year, 12, 31), CommandActor.Current, "A2", metOn, at), $"{tenantId}/plan/{year}/{unitId}");

    /// <summary>A tenant's plans are announced in the order they are drawn up.</summary>
    public static string PartitionKey(string tenantId) => $"plan:{tenantId}";

    /// <summary>A2: a plan is for a calendar year and samples 1–2 tier-3 units (a workflow's command is not validated by the HTTP layer).</summary>
    void Check(DrawUpAuditPlan command)
    {
        if (command.Year is < 2000 or > 2200) throw new RuleViolationException("year", "A2", "A plan is drawn up for a calendar year.");
        var (min, max) = (options.Value.Tier3SampleMin, options.Value.Tier3SampleMax);
        if (command.Tier3Samples is { } samples && (samples < min || samples > max))
            throw new RuleViolationException("tier3Samples", "A2", $"Tier 3 samples {min}–{max} units a year.");
    }

    public static IReadOnlyList<PlannedAudit> ToPlanned(AuditPlan plan) =>
        plan.Entries.Select(e => new PlannedAudit(e.UnitId, e.UnitName, e.Tier, Enum.Parse<PlanReason>(e.Reason), e.Explanation)).ToList();

    async Task<List<PlanningUnit>> PlanningUnitsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.TenantId == tenantId).ToListAsync(cancellationToken);
        var departing = (await db.DepartureAudits.AsNoTracking()
            .Where(d => d.TenantId == tenantId && d.Status == DepartureAuditStatus.Pending).Select(d => d.UnitId).ToListAsync(cancellationToken)).ToHashSet();
        var funds = await db.SpecialFunds.AsNoTracking().Where(f => f.TenantId == tenantId && !f.Closed && f.AuditDueYear != null)
            .ToListAsync(cancellationToken);
        return units.Select(u => new PlanningUnit(u.Id, u.Name, u.Tier, u.TierSinceYear, u.LastAuditedYear, departing.Contains(u.Id), u.LeaderTenureStart,
            funds.Where(f => f.UnitId == u.Id && (u.LastAuditedYear is not { } last || last < f.AuditFromYear)).Min(f => f.AuditDueYear))).ToList();
    }
}
