using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Nominations;

/// <summary>
/// An accepted nomination (初始提名). It names the nominator, who answers for it (C2: 谁提名谁负责), and says whether the
/// nominee came from the reserve pool (N4) or, if not, why.
/// </summary>
public sealed class CadreNomination
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public NominatorKind NominatorKind { get; set; }

    /// <summary>The person or organization answerable for the nomination (for a collective one, its principal leader or unit id).</summary>
    public required string NominatorId { get; set; }

    /// <summary>The relationship the nominator declared on the registration form (N3); required of individual leaders.</summary>
    public NomineeRelationship? DeclaredRelationship { get; set; }

    public string? RecommendationStatement { get; set; }

    public string? ProposedPost { get; set; }

    public Guid? MotionId { get; set; }

    public bool FromReservePool { get; set; }

    /// <summary>N4: why a nominee from outside the reserve pool is put forward.</summary>
    public string? OutsidePoolReason { get; set; }

    /// <summary>Who entered it (the nominator, or the organization department on their behalf, or a workflow).</summary>
    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A nominee's failure at inspection or the decision meeting; starts the cool-off of N6.</summary>
public sealed class NominationFailure
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public NominationFailureStage Stage { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset FailedAt { get; set; }

    public DateTimeOffset CoolOffEndsAt { get; set; }

    public required string RecordedBy { get; set; }

    /// <summary>When a successful reconsideration (复议, V6) lifted the cool-off this failure started; it no longer bars the cadre.</summary>
    public DateTimeOffset? LiftedAt { get; set; }

    /// <summary>The reconsideration that lifted it.</summary>
    public Guid? LiftedByReconsideration { get; set; }
}

/// <summary>
/// An integrity problem or poor reputation on record (N8): while it stands the cadre is not nominated at all. Lifting it
/// (e.g. the report was verified as untrue) closes it; it is not deleted.
/// </summary>
public sealed class Disqualifier
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public DisqualifierKind Kind { get; set; }

    /// <summary>Where it comes from: a verified report, the discipline commission, an assessment.</summary>
    public required string Source { get; set; }

    public string? Details { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }

    public string? LiftReason { get; set; }
}

/// <summary>
/// A disposition measure that bars the cadre's next moves (D6), as the disposition service reported it: demotion or removal, the
/// county date of the decision and the first day the bar no longer holds.
/// </summary>
public sealed class MeasureBarRecord
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    /// <summary>The <c>DispositionMeasure</c>: Demotion or Removal.</summary>
    public required string Measure { get; set; }

    public DateOnly DecidedOn { get; set; }

    public DateOnly Until { get; set; }

    /// <summary>The disposition case and measure it comes from, so a repeated report is kept once.</summary>
    public required string SourceReference { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
