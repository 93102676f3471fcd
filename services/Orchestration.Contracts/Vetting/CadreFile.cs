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
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("出生日期", "Birth date", "报送的出生日期，与干部档案核对（V2、C3）。")]
    DateOnly BirthDate,
    [property: ActivityInput("入党日期", "Party joined on", "报送的入党日期；非党员留空（V2）。")]
    DateOnly? PartyJoinedOn,
    [property: ActivityInput("参加工作日期", "Work started on", "报送的参加工作日期（V2）。")]
    DateOnly WorkStartedOn,
    [property: ActivityInput("学历", "Education", "报送的学历学位（V2）。")]
    string Education,
    [property: ActivityInput("工作经历", "Career history", "报送的工作经历，逐段列出（JSON 字符串数组，V2）。")]
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
