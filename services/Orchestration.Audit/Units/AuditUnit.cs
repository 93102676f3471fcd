using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Units;

/// <summary>A unit whose leaders' economic responsibility is audited, with its tier (A1) and audit history (A2).</summary>
public sealed class AuditUnit
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    public decimal AnnualBudget { get; set; }

    public required AuditFactors Factors { get; set; }

    /// <summary>The tier audits follow now: <see cref="BaseTier"/>, or higher while a special fund is open (A3); 0 is the special tier.</summary>
    public int Tier { get; set; }

    /// <summary>The tier A1 gives from budget and factors, to which a clean audit after a special fund's completion restores the unit (A3).</summary>
    public int BaseTier { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset GradedAt { get; set; }

    /// <summary>A3: the year of the last full grading; a full re-grading is due every five years.</summary>
    public int FullyGradedYear { get; set; }

    /// <summary>A2: the year the unit entered its current tier; a never-audited unit's first window starts then.</summary>
    public int TierSinceYear { get; set; }

    /// <summary>A2: the last year an audit of the unit was completed.</summary>
    public int? LastAuditedYear { get; set; }

    public Guid? LeaderCadreId { get; set; }

    /// <summary>A2: a tier-3 unit is audited when this tenure reaches five years.</summary>
    public DateOnly? LeaderTenureStart { get; set; }
}
