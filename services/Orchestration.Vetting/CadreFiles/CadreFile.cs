using Orchestration.Contracts;

namespace Orchestration.Vetting.CadreFiles;

/// <summary>
/// C3 — one person, one file (一人一档): the "three ages and one history" (三龄一历) the personnel archive certifies. The
/// other parts of the file (assessments, rewards, reports, disclosures …) are appended as entries or kept by their own
/// capability and shown together; nothing is edited (C1).
/// </summary>
public sealed class CadreFile
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public required string Name { get; set; }

    /// <summary>D5 moves men and women to non-leadership posts at different ages. Files opened before it was recorded have none.</summary>
    public Sex? Sex { get; set; }

    public DateOnly BirthDate { get; set; }

    public DateOnly? PartyJoinedOn { get; set; }

    public DateOnly WorkStartedOn { get; set; }

    /// <summary>Highest education as the archive states it, e.g. "大学本科 法学学士".</summary>
    public required string Education { get; set; }

    /// <summary>Career history, one line per period, oldest first, e.g. "2008.07-2013.05 某镇党政办科员".</summary>
    public List<string> CareerHistory { get; set; } = [];

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The daily-management categories of the file (000 names 19; these are the ones the rules use, the rest go to Other).</summary>
public enum CadreFileCategory
{
    AnnualAssessment,
    Reward,
    Punishment,
    Commendation,
    Criticism,
    /// <summary>履行"一岗双责"</summary>
    DualResponsibility,
    Disposition,
    Other,
}

/// <summary>One appended fact of a cadre's file (C3), never edited (C1).</summary>
public sealed class CadreFileEntry
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public CadreFileCategory Category { get; set; }

    public int? Year { get; set; }

    public required string Summary { get; set; }

    /// <summary>The service that reported the entry (C3: "audit", "disposition"); null for an entry the department recorded.</summary>
    public string? Source { get; set; }

    /// <summary>The fact's id at <see cref="Source"/> (the audit, the case): the file holds one entry per reported fact.</summary>
    public string? SourceReference { get; set; }

    /// <summary>The county date of a reported fact.</summary>
    public DateOnly? On { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A V2 check of submitted ages and history against the file, with the fields that differed.</summary>
public sealed class AgesAndHistoryVerification
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public bool Passed { get; set; }

    public List<string> MismatchedFields { get; set; } = [];

    public string? Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
