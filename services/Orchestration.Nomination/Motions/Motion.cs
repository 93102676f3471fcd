using Orchestration.Contracts.Nomination;

namespace Orchestration.Nomination.Motions;

public enum MotionStatus
{
    Raised,
    Approved,
}

/// <summary>A motion to adjust cadres (动议): grounds, direction and criteria, never a person (N1); counted against the quotas of N2.</summary>
public sealed class Motion
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid TermId { get; set; }

    public MotionGround Ground { get; set; }

    public AdjustmentKind Kind { get; set; }

    public required string Direction { get; set; }

    public required string Criteria { get; set; }

    public string? Requirements { get; set; }

    /// <summary>Cadres the adjustment moves (promotions, transfers, removals), counted against half the term's posts (N2).</summary>
    public int CadresAdjusted { get; set; }

    /// <summary>Of those, the promotions; more than 30 need the superior department's prior approval (N2).</summary>
    public int CadresPromoted { get; set; }

    public string? SuperiorApprovalReference { get; set; }

    /// <summary>N1: the reason of a motion on another ground than the four.</summary>
    public string? OtherGroundReason { get; set; }

    /// <summary>N2: the special case that lets the motion exceed a quota, who approved it and where (null: the quotas held).</summary>
    public string? QuotaExceptionReason { get; set; }

    public string? QuotaExceptionApprovedBy { get; set; }

    public string? QuotaExceptionReference { get; set; }

    /// <summary>N9: why the motion fills posts beyond a unit's establishment (超职数配备), and the superior department's review.</summary>
    public string? OverEstablishmentReason { get; set; }

    public string? OverEstablishmentReviewReference { get; set; }

    public MotionStatus Status { get; set; }

    public required string RaisedBy { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>The standing committee's minute or decision number.</summary>
    public string? DecisionReference { get; set; }

    /// <summary>The calendar year of the approving decision session (N2's yearly quota).</summary>
    public int? SessionYear { get; set; }
}

/// <summary>The filing (报备) of an approved adjustment with the superior organization department (N2).</summary>
public sealed class FilingRecord
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid MotionId { get; set; }

    public required string SuperiorDepartment { get; set; }

    public required string Summary { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? FiledAt { get; set; }

    public string? FilingReference { get; set; }

    public string? FiledBy { get; set; }
}
