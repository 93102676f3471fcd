using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Units;

/// <summary>A unit whose leaders' economic responsibility is audited, with its current tier (A1).</summary>
public sealed class AuditUnit
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    public decimal AnnualBudget { get; set; }

    public required AuditFactors Factors { get; set; }

    public int Tier { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset GradedAt { get; set; }
}
