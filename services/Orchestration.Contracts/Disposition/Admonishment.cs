namespace Orchestration.Contracts.Disposition;

/// <summary>
/// D2/D4 — the admonishment talk (诫勉谈话) of an admonishment case, recorded once with the day it was held and who held it; it is the
/// whole of the case (not the six steps). Refused (D4) for a case that is not an admonishment case or whose talk is on record, (D6) for a
/// day before the case or after today, (C1) for a talk without who held it or notes.
/// </summary>
[DomainActivity("Record admonishment talk", "诫勉谈话",
    Description = "The one step of an admonishment case: who talked with the cadre, on which day, what was said.",
    Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record RecordAdmonishmentTalk(Guid ProcedureId, string TenantId, Guid CaseId, DateOnly HeldOn, string HeldBy, string Notes)
    : IDomainCommand<AdmonishmentTalkRecorded>;

public sealed record AdmonishmentTalkRecorded(Guid ProcedureId, string TenantId, Guid CaseId, Guid CadreId, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;
