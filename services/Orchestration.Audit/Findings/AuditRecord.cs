namespace Orchestration.Audit.Findings;

/// <summary>A completed economic-responsibility audit of a unit's leader; append-only (C1).</summary>
public sealed class AuditRecord
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid UnitId { get; set; }

    public Guid CadreId { get; set; }

    public int Year { get; set; }

    /// <summary>One of <see cref="Contracts.Audit.AuditRating"/>.</summary>
    public required string Rating { get; set; }

    public List<string> Findings { get; set; } = [];

    public Guid? DepartureAuditId { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A5: a leader commended for an excellent audit result (通报表彰), kept for their file (C3).</summary>
public sealed class Commendation
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public Guid UnitId { get; set; }

    public Guid AuditId { get; set; }

    public int Year { get; set; }

    public required string Grounds { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
