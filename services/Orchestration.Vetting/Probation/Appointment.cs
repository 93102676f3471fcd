using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.Probation;

public enum AppointmentStatus
{
    OnProbation,
    Formal,
    Reverted,
    /// <summary>A confirmed report cancelled it (C4).</summary>
    Cancelled,
}

/// <summary>An appointment and its probation (V9).</summary>
public sealed class Appointment
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public required string Post { get; set; }

    public DateOnly AppointedOn { get; set; }

    public DateOnly? ProbationEndsOn { get; set; }

    public AppointmentStatus Status { get; set; }

    public string? Evaluation { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// V9 — newly promoted deputies serve a probation of one year (configurable, in months). It ends on the same calendar date
/// a year later; the review is due from that day: approved → formal appointment, not approved → returned to the original
/// unit with the trial post's rank and benefits revoked.
/// </summary>
public static class ProbationRules
{
    /// <summary>
    /// V9 (seed 001): a promotion to a working department's deputy post, or to a 处级 unit's principal or deputy post, is on probation;
    /// any other appointment, and a transfer at the same level, is formal at once.
    /// </summary>
    public static bool Applies(bool promotion, AppointmentPostKind kind) => promotion && kind != AppointmentPostKind.Other;

    public static DateOnly EndsOn(DateOnly appointedOn, int months) => appointedOn.AddMonths(months);

    public static bool IsDue(DateOnly today, DateOnly endsOn) => today >= endsOn;
}
