namespace Orchestration.Contracts.Vetting;

/// <summary>V3 — the pre-appointment exam on Party discipline and law (任前廉政法规考试); only those who pass may be appointed.</summary>
[DomainActivity("Record integrity exam", "任前廉政法规考试",
    Rule = "V3", Description = "Records the score against the configured pass mark (default 60); a score below it fails (V3).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record RecordIntegrityExam(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    decimal Score,
    DateOnly? TakenOn = null) : IDomainCommand<IntegrityExamRecorded>, ICadreMessage;

public sealed record IntegrityExamRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid ExamId,
    decimal Score,
    decimal PassMark,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
