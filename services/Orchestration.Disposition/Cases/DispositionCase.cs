namespace Orchestration.Disposition.Cases;

/// <summary>A disposition case (组织处理), opened from one of the D1 sources and taken through the six steps of D3.</summary>
public sealed class DispositionCase
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    /// <summary>
    /// The procedure that takes the case through its steps: the one that opened it, then the one whose step named it last. What is
    /// recorded on the case without naming a procedure is announced to this one.
    /// </summary>
    public Guid ProcedureId { get; set; }

    /// <summary>The procedure an entry answers: the one it names (which becomes the case's), else the case's own.</summary>
    public Guid Follow(Guid named)
    {
        if (named != Guid.Empty) ProcedureId = named;
        return ProcedureId;
    }

    /// <summary>D1: where the case came from, one of <see cref="Contracts.Disposition.CaseSources"/>.</summary>
    public required string Source { get; set; }

    /// <summary>The source's own id (an audit, a partner's notification), so one source item opens one case.</summary>
    public string? SourceReference { get; set; }

    /// <summary>What the source proposed (a D2 outcome or a D4 measure); the decision step decides.</summary>
    public required string ProposedMeasure { get; set; }

    /// <summary>D3: the last step completed; a new case is at initiation (动议启动).</summary>
    public required string Step { get; set; }

    /// <summary>D4: the measure decided at the decision step.</summary>
    public string? Measure { get; set; }

    /// <summary>
    /// D4/D6: the county date the measure was decided (the decision step, the admonishment talk, the start of a suspension). Revisits are
    /// dated from it and the two-year bars of demotion and removal run from it.
    /// </summary>
    public DateOnly? DecidedOn { get; set; }

    public required string Grounds { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>D6: the cadre was reinstated after inspection; the case is closed.</summary>
    public DateTimeOffset? ReinstatedAt { get; set; }
}

/// <summary>One completed step of a case, append-only (C1): who did it, when, and what they noted.</summary>
public sealed class CaseStepRecord
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public required string TenantId { get; set; }

    public required string Step { get; set; }

    public string? Measure { get; set; }

    public required string Notes { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
