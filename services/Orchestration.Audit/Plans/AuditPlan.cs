namespace Orchestration.Audit.Plans;

/// <summary>A tenant's audit plan for one year (A2); drawn up once.</summary>
public sealed class AuditPlan
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public int Year { get; set; }

    public Guid ProcedureId { get; set; }

    public required string DrawnUpBy { get; set; }

    public DateTimeOffset DrawnUpAt { get; set; }

    public List<AuditPlanEntry> Entries { get; set; } = [];
}

/// <summary>One planned audit and why the unit is in the plan.</summary>
public sealed class AuditPlanEntry
{
    public Guid Id { get; set; }

    public Guid PlanId { get; set; }

    public Guid UnitId { get; set; }

    public required string UnitName { get; set; }

    public int Tier { get; set; }

    /// <summary>One of <see cref="Contracts.Audit.PlanReason"/>.</summary>
    public required string Reason { get; set; }

    public required string Explanation { get; set; }
}
