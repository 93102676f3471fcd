namespace Orchestration.Vetting.Inspections;

/// <summary>An announced inspection (考察预告) of a differential slate, with the team leader who answers for it (V1, C2).</summary>
public sealed class Inspection
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    /// <summary>The candidate whose procedure announced the inspection.</summary>
    public Guid CadreId { get; set; }

    public DateOnly AnnouncedOn { get; set; }

    public DateOnly StartsOn { get; set; }

    public int Posts { get; set; }

    public bool PublicSelection { get; set; }

    public List<Guid> Candidates { get; set; } = [];

    public required string TeamLeader { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The team's finding on one candidate; one per candidate and inspection, never edited (C1).</summary>
public sealed class InspectionFinding
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid InspectionId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public bool Qualified { get; set; }

    public string? Findings { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
