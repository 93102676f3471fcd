namespace Orchestration.Contracts.Vetting;

/// <summary>
/// Appoints the decided candidate (任职), with a probation of one year (configurable, V9) for newly promoted deputies and
/// others named by policy. Refused when the integrity exam was not passed (V3) or a report against the candidate was
/// confirmed (C4).
/// </summary>
[DomainActivity("Appoint cadre", "任职",
    Description = "Appoints the cadre, starting a one-year probation when asked; refused without a passed integrity exam (V3) or with a confirmed report (C4).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record AppointCadre(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    string Post,
    bool WithProbation = true,
    DateOnly? AppointedOn = null) : IDomainCommand<CadreAppointed>, ICadreMessage;

public sealed record CadreAppointed(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid AppointmentId,
    string Outcome,
    string? RuleId,
    string? Reason,
    DateOnly? ProbationEndsOn) : IDomainResult, ICadreMessage;

public static class ProbationOutcomes
{
    /// <summary>Approved at expiry: the appointment becomes formal (正式任职).</summary>
    public const string Confirmed = "Confirmed";

    /// <summary>Not approved: back to the original unit, the trial post's rank and benefits revoked.</summary>
    public const string Reverted = "Reverted";

    /// <summary>The probation has not expired yet: review again at its end.</summary>
    public const string NotDue = "NotDue";
}

/// <summary>
/// V9 — at the end of the probation the democratic evaluation and assessment decide: approved → formal appointment; not
/// approved → reverted. Without <see cref="AppointmentId"/> the cadre's appointment on probation is meant.
/// </summary>
[DomainActivity("Review probation", "试用期满考核",
    Description = "At expiry: approved → formal appointment, not approved → returned to the original unit; before expiry → NotDue (V9).",
    Outcomes = [ProbationOutcomes.Confirmed, ProbationOutcomes.Reverted, ProbationOutcomes.NotDue])]
public sealed record ReviewProbation(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    bool Approved,
    string? Evaluation = null,
    Guid AppointmentId = default) : IDomainCommand<ProbationReviewed>, ICadreMessage;

public sealed record ProbationReviewed(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid AppointmentId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
