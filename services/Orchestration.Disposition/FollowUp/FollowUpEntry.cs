namespace Orchestration.Disposition.FollowUp;

public static class FollowUpKinds
{
    /// <summary>Monthly, by the supervising leader or the unit head (谈心谈话).</summary>
    public const string Talk = "Talk";

    /// <summary>Quarterly, by the organization department (回访).</summary>
    public const string Revisit = "Revisit";

    /// <summary>The annual assessment's result (年度考核).</summary>
    public const string AnnualAssessment = "AnnualAssessment";
}

/// <summary>D6: one line of a disposed cadre's ledger (谈话回访工作台账); append-only.</summary>
public sealed class FollowUpEntry
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CaseId { get; set; }

    public Guid CadreId { get; set; }

    /// <summary>One of <see cref="FollowUpKinds"/>.</summary>
    public required string Kind { get; set; }

    public DateOnly HeldOn { get; set; }

    public required string HeldBy { get; set; }

    public required string Notes { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
