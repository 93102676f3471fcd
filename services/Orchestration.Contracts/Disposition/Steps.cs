using System.Text.Json.Serialization;

namespace Orchestration.Contracts.Disposition;

/// <summary>D3 — the six steps of a disposition, strictly in this order.</summary>
public static class DispositionSteps
{
    /// <summary>动议启动: the case is opened.</summary>
    public const string Initiation = "Initiation";

    /// <summary>调查核实</summary>
    public const string Investigation = "Investigation";

    /// <summary>综合分析</summary>
    public const string Analysis = "Analysis";

    /// <summary>讨论决定: the measure is decided (D4).</summary>
    public const string Decision = "Decision";

    /// <summary>告知谈话</summary>
    public const string NotificationTalk = "NotificationTalk";

    /// <summary>备案跟踪: filed with the superior department; follow-up (D6) starts.</summary>
    public const string FilingAndTracking = "FilingAndTracking";

    public static readonly IReadOnlyList<string> InOrder = [Initiation, Investigation, Analysis, Decision, NotificationTalk, FilingAndTracking];

    /// <summary>诫勉谈话: the one step of an admonishment case (D2, D4), outside the six.</summary>
    public const string AdmonishmentTalk = "AdmonishmentTalk";

    /// <summary>停职检查: a suspension case's cadre is suspended for examination (D4), outside the six.</summary>
    public const string Suspension = "Suspension";

    /// <summary>The examination is concluded and the suspension lifted; a suspension case ends here.</summary>
    public const string SuspensionLifted = "SuspensionLifted";
}

/// <summary>D4 — the measures a decision may take.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DispositionMeasure>))]
public enum DispositionMeasure
{
    /// <summary>免职</summary>
    [Choice("免职")]
    Removal,

    /// <summary>降职</summary>
    [Choice("降职")]
    Demotion,

    /// <summary>交流</summary>
    [Choice("交流")]
    Transfer,

    /// <summary>待岗</summary>
    [Choice("待岗")]
    WaitingForPost,

    /// <summary>离岗培训</summary>
    [Choice("离岗培训")]
    OffPostTraining,

    /// <summary>参与重点工作督导</summary>
    [Choice("参与重点工作督导")]
    SupervisingKeyWork,

    /// <summary>改任非领导职务 (D5)</summary>
    [Choice("改任非领导职务")]
    NonLeadershipPost,

    /// <summary>引咎辞职</summary>
    [Choice("引咎辞职")]
    ResignationTakingResponsibility,

    /// <summary>责令辞职</summary>
    [Choice("责令辞职")]
    OrderedResignation,

    /// <summary>诫勉 (诫勉谈话, seeds 001 and 004): a talk recorded once, not the six steps.</summary>
    [Choice("诫勉")]
    Admonishment,

    /// <summary>停职检查 (2021《党政领导干部组织处理规定》): a suspension recorded with its start and its lifting.</summary>
    [Choice("停职检查")]
    SuspensionForExamination,
}

public static class StepOutcomes
{
    public const string Done = "Done";

    /// <summary>Out of order (D3), a decision without a measure (D4), a step without notes (C1) or a case the tenant does not have.</summary>
    public const string Refused = "Refused";
}

/// <summary>C1/D3 — a step after initiation names its case and records what was done.</summary>
public interface ICaseStepCommand : IProcedureMessage
{
    Guid CaseId { get; }

    string Notes { get; }
}

[DomainActivity("Investigate disposition case", "调查核实", Description = "D3 step 2.", Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record InvestigateDispositionCase(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("调查核实情况", "Findings of the investigation", "调查核实的经过和结果，记入全程纪实（D3 第二步，C1）。", Multiline = true)]
    string Notes) : IDomainCommand<DispositionCaseInvestigated>, ICaseStepCommand;

public sealed record DispositionCaseInvestigated(Guid ProcedureId, string TenantId, Guid CaseId, string Step, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

[DomainActivity("Analyse disposition case", "综合分析", Description = "D3 step 3.", Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record AnalyseDispositionCase(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("综合分析意见", "Analysis", "综合分析的意见，记入全程纪实（D3 第三步，C1）。", Multiline = true)]
    string Notes) : IDomainCommand<DispositionCaseAnalysed>, ICaseStepCommand;

public sealed record DispositionCaseAnalysed(Guid ProcedureId, string TenantId, Guid CaseId, string Step, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

[DomainActivity("Decide disposition", "讨论决定", Description = "D3 step 4: decides one of the D4 measures.",
    Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record DecideDispositionCase(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("处理措施", "Measure", "讨论决定的组织处理措施（D4）；不选则拒绝。")]
    DispositionMeasure? Measure,
    [property: ActivityInput("讨论决定情况", "Decision notes", "会议讨论和决定的情况，记入全程纪实（D3 第四步，C1）。", Multiline = true)]
    string Notes) : IDomainCommand<DispositionCaseDecided>, ICaseStepCommand;

public sealed record DispositionCaseDecided(
    Guid ProcedureId, string TenantId, Guid CaseId, string Step, DispositionMeasure? Measure, string Outcome, string? RuleId, string? Reason) : IDomainResult;

[DomainActivity("Hold notification talk", "告知谈话", Description = "D3 step 5.", Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record HoldDispositionNotificationTalk(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("告知谈话记录", "Talk notes", "向干部告知处理决定的谈话记录（D3 第五步，C1）。", Multiline = true)]
    string Notes) : IDomainCommand<DispositionNotificationTalkHeld>, ICaseStepCommand;

public sealed record DispositionNotificationTalkHeld(Guid ProcedureId, string TenantId, Guid CaseId, string Step, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

[DomainActivity("File disposition case", "备案跟踪", Description = "D3 step 6: filed with the superior department; follow-up starts (D6).",
    Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record FileDispositionCase(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("备案情况", "Filing notes", "向上级组织部门备案的情况；此后开始跟踪回访（D3 第六步，D6）。", Multiline = true)]
    string Notes) : IDomainCommand<DispositionCaseFiled>, ICaseStepCommand;

public sealed record DispositionCaseFiled(Guid ProcedureId, string TenantId, Guid CaseId, string Step, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;
