namespace Orchestration.Contracts.Disposition;

/// <summary>
/// D2/D4 — the admonishment talk (诫勉谈话) of an admonishment case, recorded once with the day it was held and who held it; it is the
/// whole of the case (not the six steps). Refused (D4) for a case that is not an admonishment case or whose talk is on record, (D6) for a
/// day before the case or after today, (C1) for a talk without who held it or notes.
/// </summary>
[DomainActivity("Record admonishment talk", "诫勉谈话",
    Description = "The one step of an admonishment case: who talked with the cadre, on which day, what was said.",
    Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record RecordAdmonishmentTalk(
    Guid ProcedureId,
    string TenantId,
    [property: CaseInput]
    Guid CaseId,
    [property: ActivityInput("谈话日期", "Held on", "诫勉谈话的县域日期，不得早于立案、晚于今天（D4）。")]
    DateOnly HeldOn,
    [property: ActivityInput("谈话人", "Held by", "进行诫勉谈话的领导；为空则拒绝（C1）。")]
    string HeldBy,
    [property: ActivityInput("谈话记录", "Notes", "谈话的主要内容，记入全程纪实；为空则拒绝（C1）。", Multiline = true)]
    string Notes) : IDomainCommand<AdmonishmentTalkRecorded>;

public sealed record AdmonishmentTalkRecorded(Guid ProcedureId, string TenantId, Guid CaseId, Guid CadreId, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;
