namespace Orchestration.Contracts.Audit;

/// <summary>
/// A4 — a leader moving post is audited before leaving (先审后离): their powers over personnel, matters and money are frozen
/// and the handover has a deadline. Answered when the departure audit is recorded: Passed without findings, Failed with them.
/// With <see cref="DepartureAuditId"/> the procedure follows a departure audit already requested through the API (the one that
/// started it); one recorded before the procedure asked is answered at once. Refused at once, with the reason (A4), for an unknown unit
/// or departure audit, a departure audit of another leader, or one another procedure follows.
/// </summary>
[DomainActivity("Request departure audit", "离任审计（先审后离）",
    Rule = "A4", Description = "Freezes the leader's powers and sets the handover deadline; continues when the audit is recorded.",
    Outcomes = [Outcomes.Passed, Outcomes.Failed, DepartureOutcomes.Refused])]
public sealed record RequestDepartureAudit(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("离任领导干部", "Departing leader", "调动岗位、须先审后离的领导干部（A4）。", WhenEmpty = "本程序的干部")]
    Guid CadreId,
    [property: ActivityInput("所在单位", "Unit", "该领导干部离任的单位（A4）。")]
    Guid UnitId,
    [property: ActivityInput("已申请的离任审计", "Departure audit", "已通过接口申请的离任审计；本程序跟进它（A4）。", WhenEmpty = "新申请一次离任审计")]
    Guid? DepartureAuditId = null) : IDomainCommand<DepartureAuditCompleted>, ICadreMessage;

/// <summary>
/// A4 — a leader's move was announced to the audit service outside any procedure (a departure audit requested through the API):
/// the powers are frozen and the departure procedure starts from this fact.
/// </summary>
public sealed record DepartureAuditRequested(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid DepartureAuditId,
    Guid UnitId,
    string UnitName,
    DateOnly HandoverDeadline) : IServiceEvent, ICadreMessage;

public sealed record DepartureAuditCompleted(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid DepartureAuditId,
    Guid UnitId,
    Guid AuditId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;

/// <summary>Lets the leader leave: refused by A4 until the departure audit is complete, and for a departure audit the leader does not have.</summary>
[DomainActivity("Clear leader departure", "离任放行",
    Rule = "A4", Description = "Refused (A4) while the departure audit is open; clearing ends the freeze of the leader's powers.",
    Outcomes = [DepartureOutcomes.Cleared, DepartureOutcomes.Refused])]
public sealed record ClearLeaderDeparture(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("离任领导干部", "Departing leader", "要放行离任的领导干部（A4）。", WhenEmpty = "本程序的干部")]
    Guid CadreId,
    [property: ActivityInput("离任审计", "Departure audit", "该领导干部的离任审计；未完成前不得放行（A4）。")]
    Guid DepartureAuditId) : IDomainCommand<LeaderDepartureCleared>, ICadreMessage;

public sealed record LeaderDepartureCleared(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid DepartureAuditId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;

public static class DepartureOutcomes
{
    public const string Cleared = "Cleared";
    public const string Refused = "Refused";
}
