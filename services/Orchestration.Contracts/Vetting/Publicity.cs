namespace Orchestration.Contracts.Vetting;

/// <summary>
/// V8 — the decided candidate is published at the original and the new unit and through media (任前公示) for five working
/// days (configurable); reports received meanwhile are verified per C4.
/// </summary>
[DomainActivity("Open pre-appointment publicity", "任前公示",
    Rule = "V8", Description = "Opens a 5-working-day publicity for an approved candidate and answers with its last day (V8).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record OpenPublicity(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("公示开始日期", "Opens on", "任前公示的起始日，公示 5 个工作日（V8、C5）。", WhenEmpty = "县域当天（中国标准时间）")]
    DateOnly? OpensOn = null,
    [property: ActivityInput("公示范围", "Places", "公示的地点（JSON 字符串数组，V8）。", WhenEmpty = "原单位、新单位和媒体")]
    string[]? Places = null) : IDomainCommand<PublicityOpened>, ICadreMessage;

public sealed record PublicityOpened(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid PublicityId,
    string Outcome,
    string? RuleId,
    string? Reason,
    DateOnly? OpensOn,
    DateOnly? EndsOn) : IDomainResult, ICadreMessage;

public static class PublicityOutcomes
{
    /// <summary>The window is still open or a report awaits its verification: close again later.</summary>
    public const string Pending = "Pending";
}

/// <summary>
/// Closes the publicity after its last day: no report confirmed → the procedure goes on; a confirmed report → the candidacy is
/// cancelled (C4); the window still open or a report unverified → Pending. Without <see cref="PublicityId"/> the cadre's
/// latest publicity is meant.
/// </summary>
[DomainActivity("Close pre-appointment publicity", "公示结束",
    Rule = "C4", Description = "After the last day: Passed when no report was confirmed, Failed (C4) when one was, Pending while the window is open or a report is unverified.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed, PublicityOutcomes.Pending])]
public sealed record ClosePublicity(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("公示", "Publicity", "要结束的任前公示（V8、C4）。", WhenEmpty = "该干部最近一次公示")]
    Guid PublicityId = default) : IDomainCommand<PublicityClosed>, ICadreMessage;

/// <param name="ReportsUnverified">C4: the reports of the candidacy still waiting for their verification; while there are any after the last
/// day the answer is Pending with rule C4, and the procedure waits for each verification inside the publicity step before closing again.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="PublicityId">The pre-appointment publicity (公示, V8) that closed.</param>
/// <param name="Outcome">Passed, Failed or Pending: what the rule checks made of it.</param>
/// <param name="RuleId">The rule that decided the outcome (e.g. V7); empty when none did.</param>
/// <param name="Reason">Why the publicity did not pass or is still pending, in words; empty when it passed.</param>
/// <param name="ReportsReceived">How many reports (举报) the publicity received (C4).</param>
public sealed record PublicityClosed(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid PublicityId,
    string Outcome,
    string? RuleId,
    string? Reason,
    int ReportsReceived,
    int ReportsUnverified = 0) : IDomainResult, ICadreMessage;
