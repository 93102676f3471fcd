using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Selection;

/// <summary>A year's selection of village principals to public-institution pay (P3).</summary>
public sealed class SelectionRound
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public int Year { get; set; }

    /// <summary>All villages of the tenant when the round opened; the places are at least 5% of them.</summary>
    public int Villages { get; set; }

    public int Places { get; set; }

    /// <summary>The last stage decided; <see cref="SelectionStage.Applications"/> while applications are taken.</summary>
    public SelectionStage CompletedStage { get; set; }

    /// <summary>The current or last publicity (after the county review, then after the leading group's decision).</summary>
    public DateOnly? PublicizedOn { get; set; }

    public DateOnly? PublicityEndsOn { get; set; }

    public required string OpenedBy { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public List<SelectionApplication> Applications { get; set; } = [];

    /// <summary>One record per stage decided, in order (C1: the full-process record).</summary>
    public List<SelectionStageRecord> Stages { get; set; } = [];
}

/// <summary>A principal's application and how far it went.</summary>
public sealed class SelectionApplication
{
    public Guid Id { get; set; }

    public Guid RoundId { get; set; }

    public Guid VillageId { get; set; }

    public required string PrincipalName { get; set; }

    public required string Village { get; set; }

    public required string Township { get; set; }

    /// <summary>The last stage the application passed.</summary>
    public SelectionStage ReachedStage { get; set; }

    /// <summary>The stage that did not keep it; null while it is still in the running (or once certified).</summary>
    public SelectionStage? DroppedAt { get; set; }

    public DateTimeOffset AppliedAt { get; set; }
}

public sealed class SelectionStageRecord
{
    public Guid Id { get; set; }

    public Guid RoundId { get; set; }

    public SelectionStage Stage { get; set; }

    public int Pool { get; set; }

    /// <summary>How many the stage's ratio asks for; null for review and publicity stages, which keep whoever qualifies.</summary>
    public int? Target { get; set; }

    public int Advanced { get; set; }

    public int Shortfall { get; set; }

    public string? Grounds { get; set; }

    public required string DecidedBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>A principal's public-institution pay for one year, with its certificate; renewed or ended yearly on stated grounds.</summary>
public sealed class InstitutionPayAward
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid RoundId { get; set; }

    public Guid VillageId { get; set; }

    public required string PrincipalName { get; set; }

    public int Year { get; set; }

    public required string CertificateNumber { get; set; }

    /// <summary>The award of the year before, when this one is a renewal.</summary>
    public Guid? RenewedFromId { get; set; }

    /// <summary>When the benefit ends: on a stated ground during the year, or on 31 December when it is not renewed.</summary>
    public DateOnly? EndedOn { get; set; }

    public InstitutionPayEndGround? EndGround { get; set; }

    public string? EndNote { get; set; }

    /// <summary>Paid for its year unless it ended before the year's last day.</summary>
    public bool PaysFor(int year) => Year == year && (EndedOn is null || EndedOn >= new DateOnly(year, 12, 31));
}
