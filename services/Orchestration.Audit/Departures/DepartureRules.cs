namespace Orchestration.Audit.Departures;

public sealed record ClearanceVerdict(bool Cleared, string? RuleId, string Reason);

/// <summary>A4 — audit before leaving (先审后离): the move is blocked until the departure audit is recorded; the handover has a deadline.</summary>
public static class DepartureRules
{
    public static DateOnly HandoverDeadline(DateOnly requestedOn, AuditOptions options) => requestedOn.AddDays(options.HandoverDays);

    public static ClearanceVerdict Clearance(DepartureAuditStatus status) => status switch
    {
        DepartureAuditStatus.Pending => new(false, "A4", "The departure audit is not complete: the leader cannot leave before it (先审后离)."),
        DepartureAuditStatus.Completed => new(true, null, "The departure audit is complete; the freeze of the leader's powers ends."),
        _ => new(true, null, "The leader was already cleared."),
    };
}
