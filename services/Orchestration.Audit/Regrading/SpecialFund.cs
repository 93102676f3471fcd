namespace Orchestration.Audit.Regrading;

/// <summary>A project or special fund a unit executes, and the audit it owes under A3.</summary>
public sealed class SpecialFund
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid UnitId { get; set; }

    public required string Project { get; set; }

    public decimal Amount { get; set; }

    /// <summary>One of <see cref="Contracts.Audit.SpecialFundTreatments"/>.</summary>
    public required string Treatment { get; set; }

    public int RecordedYear { get; set; }

    /// <summary>An audit completed in this year or later settles what the fund owes; unknown until completion for 10–100 million.</summary>
    public int? AuditFromYear { get; set; }

    /// <summary>The year by which the owed audit is planned.</summary>
    public int? AuditDueYear { get; set; }

    public int? CompletedYear { get; set; }

    /// <summary>A clean audit after completion closed the fund and the unit went back to its A1 tier.</summary>
    public bool Closed { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
