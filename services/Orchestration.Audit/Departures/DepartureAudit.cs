using System.Text.Json.Serialization;

namespace Orchestration.Audit.Departures;

[JsonConverter(typeof(JsonStringEnumConverter<DepartureAuditStatus>))]
public enum DepartureAuditStatus
{
    /// <summary>Requested; the leader's powers are frozen and the move waits for the audit.</summary>
    Pending,

    /// <summary>The audit is recorded; the leader may be cleared to leave.</summary>
    Completed,

    /// <summary>The leader left; the freeze ended.</summary>
    Cleared,
}

/// <summary>A4: the audit of a leader before they leave a post (先审后离), with the freeze of their powers and the handover deadline.</summary>
public sealed class DepartureAudit
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The procedure that asked for it; <c>DepartureAuditCompleted</c> goes back to it.</summary>
    public Guid ProcedureId { get; set; }

    /// <summary>The step of that procedure waiting for the answer (<c>Orchestration-Step</c>): the answer, sent later, carries it back.</summary>
    public string? ProcedureStep { get; set; }

    public Guid CadreId { get; set; }

    public Guid UnitId { get; set; }

    public DepartureAuditStatus Status { get; set; }

    /// <summary>A4: the leader's powers over personnel, matters and money are frozen from the request until clearance.</summary>
    public bool PowersFrozen { get; set; }

    /// <summary>A4: the handover is complete by this date (<see cref="AuditOptions.HandoverDays"/> calendar days after the request).</summary>
    public DateOnly HandoverDeadline { get; set; }

    /// <summary>A4: the day the handover was complete (限时离任交接); null while it is not.</summary>
    public DateOnly? HandedOverOn { get; set; }

    /// <summary>A4: what was handed over (明确交接事项).</summary>
    public List<string> HandoverItems { get; set; } = [];

    public Guid? AuditId { get; set; }

    /// <summary>True when the audit found nothing.</summary>
    public bool? Passed { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ClearedAt { get; set; }
}
