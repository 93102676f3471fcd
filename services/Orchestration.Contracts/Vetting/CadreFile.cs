namespace Orchestration.Contracts.Vetting;

/// <summary>
/// V2 — before a promotion, transfer or commendation the "three ages and one history" (三龄一历) submitted for the candidate
/// are checked against the cadre's file (C3); every field that differs is reported.
/// </summary>
[DomainActivity("Verify three ages and one history", "三龄一历审核",
    Rule = "V2", Description = "Compares the submitted birth date, Party-joining date, work-start date, education and career history with the file (V2).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record VerifyAgesAndHistory(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    DateOnly BirthDate,
    DateOnly? PartyJoinedOn,
    DateOnly WorkStartedOn,
    string Education,
    string[] CareerHistory) : IDomainCommand<AgesAndHistoryVerified>, ICadreMessage;

/// <summary>One field whose submitted value differs from the file.</summary>
public sealed record FieldMismatch(string Field, string? Submitted, string? InFile);

public sealed record AgesAndHistoryVerified(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    string Outcome,
    string? RuleId,
    string? Reason,
    FieldMismatch[] Mismatches) : IDomainResult, ICadreMessage;

/// <summary>
/// C3 — a cadre's file was opened from the personnel archive. Procedures that follow a cadre from their file start from it: the
/// age-based non-leadership transfer (D5) waits for the birthday on which the cadre reaches the transfer age.
/// </summary>
public sealed record CadreFileOpened(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    string Name,
    DateOnly BirthDate,
    Sex Sex,
    DateOnly? PartyJoinedOn,
    DateOnly WorkStartedOn) : IServiceEvent, ICadreMessage;
