namespace Orchestration.Vetting.Publicity;

/// <summary>A pre-appointment publicity window (任前公示) and how it closed (V8, C4).</summary>
public sealed class PublicityWindow
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public DateOnly OpensOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public List<string> Places { get; set; } = [];

    /// <summary>Null while open; Passed or Failed once closed.</summary>
    public string? Outcome { get; set; }

    public string? RuleId { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public sealed record PublicityVerdict(string Outcome, string? RuleId, string? Reason);

/// <summary>
/// V8 with C4 — the publicity closes after its last working day. A confirmed (or criminal) report cancels the candidacy; a
/// report not yet verified, or a window still open, keeps it pending; otherwise the procedure goes on.
/// </summary>
public static class PublicityRules
{
    public static readonly string[] DefaultPlaces = ["original unit", "new unit", "media"];

    public static PublicityVerdict Close(DateOnly today, DateOnly endsOn, int reportsConfirmed, int reportsUnverified)
    {
        if (today <= endsOn)
            return new(Contracts.Vetting.PublicityOutcomes.Pending, "V8", $"The publicity runs until {endsOn:yyyy-MM-dd} inclusive.");
        if (reportsConfirmed > 0)
            return new(Contracts.Outcomes.Failed, "C4", $"{reportsConfirmed} report(s) confirmed: the candidacy is cancelled.");
        if (reportsUnverified > 0)
            return new(Contracts.Vetting.PublicityOutcomes.Pending, "C4", $"{reportsUnverified} report(s) still being verified.");
        return new(Contracts.Outcomes.Passed, null, null);
    }
}
