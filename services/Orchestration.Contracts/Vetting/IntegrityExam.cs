namespace Orchestration.Contracts.Vetting;

/// <summary>V3 — the pre-appointment exam on Party discipline and law (任前廉政法规考试); only those who pass may be appointed.</summary>
[DomainActivity("Record integrity exam", "任前廉政法规考试",
    Rule = "V3", Description = "Records the score against the configured pass mark (default 60); a score below it fails (V3).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record RecordIntegrityExam(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("考试成绩", "Score", "任前廉政法规考试成绩；低于及格线（默认 60 分）不得任职（V3）。")]
    decimal Score,
    [property: ActivityInput("考试日期", "Taken on", "参加考试的日期（V3）。", WhenEmpty = "县域当天（中国标准时间）")]
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
