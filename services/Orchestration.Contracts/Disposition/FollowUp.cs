namespace Orchestration.Contracts.Disposition;

/// <summary>D6 — a line of a disposed cadre's ledger: the case, the day, who held the talk or revisit and what was said.</summary>
public interface IFollowUpEntryCommand : IProcedureMessage
{
    Guid CaseId { get; }

    DateOnly HeldOn { get; }

    string HeldBy { get; }

    string Notes { get; }
}

/// <summary>D6 — the supervising leader or unit head's monthly talk with a disposed cadre, entered in the ledger.</summary>
[DomainActivity("Record follow-up talk", "谈心谈话", Description = "Monthly, by the supervising leader or unit head.",
    Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record RecordFollowUpTalk(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("谈话日期", "Held on", "谈心谈话的县域日期，每月一次（D6）。")]
    DateOnly HeldOn,
    [property: ActivityInput("谈话人", "Held by", "分管领导或单位主要负责人（D6）。")]
    string HeldBy,
    [property: ActivityInput("谈话记录", "Notes", "谈话的主要内容，记入跟踪台账（D6）。", Multiline = true)]
    string Notes) : IDomainCommand<FollowUpTalkRecorded>, IFollowUpEntryCommand;

public sealed record FollowUpTalkRecorded(Guid ProcedureId, string TenantId, Guid CaseId, Guid EntryId, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

/// <summary>D6 — the organization department's quarterly revisit of a disposed cadre.</summary>
[DomainActivity("Record revisit", "季度回访", Description = "Quarterly, by the organization department.", Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record RecordRevisit(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("回访日期", "Held on", "组织部门回访的县域日期，每季度一次（D6）。")]
    DateOnly HeldOn,
    [property: ActivityInput("回访人", "Held by", "进行回访的组织部门干部（D6）。")]
    string HeldBy,
    [property: ActivityInput("回访记录", "Notes", "回访了解到的情况，记入跟踪台账（D6）。", Multiline = true)]
    string Notes) : IDomainCommand<RevisitRecorded>, IFollowUpEntryCommand;

/// <summary>The revisit recorded, with the quarters since the measure that have one (D6); a refusal counts none.</summary>
public sealed record RevisitRecorded(Guid ProcedureId, string TenantId, Guid CaseId, Guid EntryId, int QuartersRevisited, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

/// <summary>
/// D6 — reinstatement (重新提拔使用) after a strict inspection, once enough quarterly revisits are on the ledger and the measure's bar
/// has run: a demoted cadre is not promoted within two years of the decision, a removed cadre takes no post above the original level
/// within two years (2021《党政领导干部组织处理规定》). <see cref="AboveOriginalLevel"/>: the post offered is above the level held before.
/// </summary>
[DomainActivity("Reinstate cadre", "重新提拔使用",
    Description = "Needs a passed inspection, at least 4 quarters of revisits on the ledger (configurable) and the measure's two-year bar run out.",
    Outcomes = [FollowUpOutcomes.Reinstated, FollowUpOutcomes.Refused])]
public sealed record ReinstateCadre(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("严格考察通过", "Inspection passed", "重新提拔使用前的严格考察是否通过；未通过则拒绝（D6）。")]
    bool InspectionPassed,
    [property: ActivityInput("考察材料编号", "Inspection reference", "严格考察材料的文号或编号，记入台账（D6）。")]
    string? InspectionReference = null,
    [property: ActivityInput("高于原职级", "Above original level", "拟任职务高于处理前的职级；免职两年内不得（D6）。")]
    bool AboveOriginalLevel = false) : IDomainCommand<CadreReinstated>;

public sealed record CadreReinstated(Guid ProcedureId, string TenantId, Guid CaseId, Guid CadreId, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

public static class FollowUpOutcomes
{
    public const string Reinstated = "Reinstated";
    public const string Refused = "Refused";
}
