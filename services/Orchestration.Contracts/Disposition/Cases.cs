namespace Orchestration.Contracts.Disposition;

/// <summary>D1 — where a disposition case comes from.</summary>
public static class CaseSources
{
    /// <summary>A joint inspection team (联合督查).</summary>
    public const string InspectionTeam = "inspection-team";

    /// <summary>An economic-responsibility audit's findings (A5).</summary>
    public const string Audit = "audit";

    /// <summary>A report verified under C4.</summary>
    public const string VerifiedReport = "verified-report";

    /// <summary>A notification from a partner department (联系通报): discipline commission, supervision offices, ….</summary>
    public const string PartnerNotification = "partner-notification";

    /// <summary>Annual assessment and democratic evaluation results (D2).</summary>
    public const string AssessmentAndEvaluation = "assessment-and-evaluation";

    public const string Age = "age";

    public const string Health = "health";

    /// <summary>Education too low for the post (学历偏低, seed 003): a non-leadership post, removed in place and placed elsewhere.</summary>
    public const string Education = "education";

    public static readonly IReadOnlyList<string> All =
        [InspectionTeam, Audit, VerifiedReport, PartnerNotification, AssessmentAndEvaluation, Age, Health, Education];
}

/// <summary>
/// Opens a disposition case from one of the D1 sources; a source reference already opened is answered with that case. Failed, with the
/// reason, for an unknown source or a case without grounds.
/// </summary>
[DomainActivity("Open disposition case", "组织处理动议启动",
    Rule = "D1", Description = "Sources: inspection team, audit findings, verified report, partner notification, assessment and evaluation results, age, health.",
    Outcomes = [CaseOutcomes.Opened, CaseOutcomes.AlreadyOpen, Outcomes.Failed])]
public sealed record OpenDispositionCase(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("线索来源", "Source", "D1 的来源之一：inspection-team（联合督查）、audit（审计）、verified-report（查实举报）、partner-notification（联系通报）、assessment-and-evaluation（考核评议）、age（年龄）、health（健康）、education（学历）。")]
    string Source,
    [property: ActivityInput("处理事由", "Grounds", "启动组织处理的事实和理由；为空则拒绝（D1）。", Multiline = true)]
    string Grounds,
    [property: ActivityInput("来源文号", "Source reference", "来源材料的编号（督查通报、审计编号等）；同一编号只立一案（D1）。")]
    string? SourceReference = null,
    [property: ActivityInput("建议措施", "Proposed measure", "来源建议的措施：诫勉、停职检查走各自的简易程序，其他走六个步骤（D3、D4）。")]
    DispositionMeasure? ProposedMeasure = null) : IDomainCommand<DispositionCaseOpened>, ICadreMessage;

/// <param name="CaseId">Empty when the case was refused.</param>
/// <param name="ProposedMeasure">What the source proposed: an admonishment (诫勉) or a suspension (停职检查) case takes its own short path
/// (D4), every other case the six steps (D3).</param>
public sealed record DispositionCaseOpened(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid CaseId,
    string Source,
    string Outcome,
    string? RuleId,
    string? Reason,
    string? ProposedMeasure = null) : IDomainResult, ICadreMessage;

public static class CaseOutcomes
{
    public const string Opened = "Opened";
    public const string AlreadyOpen = "AlreadyOpen";
}
