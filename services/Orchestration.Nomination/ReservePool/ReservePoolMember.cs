namespace Orchestration.Nomination.ReservePool;

/// <summary>
/// A cadre's membership of the reserve pool (后备干部), from whom nominees normally come (N4). Removal closes the membership;
/// it is not deleted, so the history of who was in the pool when stays readable. A later re-admission is a new membership.
/// </summary>
public sealed class ReservePoolMember
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public string? Note { get; set; }

    public required string AddedBy { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public string? RemovedBy { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public string? RemovalReason { get; set; }
}
