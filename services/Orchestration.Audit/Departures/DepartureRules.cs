namespace Orchestration.Audit.Departures;

public sealed record ClearanceVerdict(bool Cleared, string? RuleId, string Reason);

/// <summary>A4 — audit before leaving (先审后离): the move is blocked until the departure audit is recorded; the handover has a deadline.</summary>
public static class DepartureRules
{
    public static DateOnly HandoverDeadline(DateOnly requestedOn, AuditOptions options) => requestedOn.AddDays(options.HandoverDays);

    /// <summary>
    /// A4: the handover is overdue from the day after its deadline while it is not recorded and the leader has not been cleared to leave;
    /// on the deadline itself it is still on time.
    /// </summary>
    public static bool HandoverOverdue(DateOnly deadline, DateOnly? handedOverOn, DepartureAuditStatus status, DateOnly today) =>
        handedOverOn is null && status != DepartureAuditStatus.Cleared && today > deadline;

    /// <summary>A4: while a move is pending (until the departure audit clears the leader), their acts over personnel, matters and money are refused.</summary>
    public static ClearanceVerdict Act(bool powersFrozen, LeaderPower power) => powersFrozen
        ? new(false, "A4", $"The leader's powers are frozen during the move (冻结人权事权财权): no {power} act until the departure audit clears them.")
        : new(true, null, "recorded");

    public static ClearanceVerdict Clearance(DepartureAuditStatus status) => status switch
    {
        DepartureAuditStatus.Pending => new(false, "A4", "The departure audit is not complete: the leader cannot leave before it (先审后离)."),
        DepartureAuditStatus.Completed => new(true, null, "The departure audit is complete; the freeze of the leader's powers ends."),
        _ => new(true, null, "The leader was already cleared."),
    };
}
