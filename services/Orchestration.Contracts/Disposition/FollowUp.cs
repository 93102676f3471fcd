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
public sealed record RecordFollowUpTalk(Guid ProcedureId, string TenantId, Guid CaseId, DateOnly HeldOn, string HeldBy, string Notes)
    : IDomainCommand<FollowUpTalkRecorded>, IFollowUpEntryCommand;

public sealed record FollowUpTalkRecorded(Guid ProcedureId, string TenantId, Guid CaseId, Guid EntryId, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

/// <summary>D6 — the organization department's quarterly revisit of a disposed cadre.</summary>
[DomainActivity("Record revisit", "季度回访", Description = "Quarterly, by the organization department.", Outcomes = [StepOutcomes.Done, StepOutcomes.Refused])]
public sealed record RecordRevisit(Guid ProcedureId, string TenantId, Guid CaseId, DateOnly HeldOn, string HeldBy, string Notes)
    : IDomainCommand<RevisitRecorded>, IFollowUpEntryCommand;

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
public sealed record ReinstateCadre(Guid ProcedureId, string TenantId, Guid CaseId, bool InspectionPassed, string? InspectionReference = null,
    bool AboveOriginalLevel = false)
    : IDomainCommand<CadreReinstated>;

public sealed record CadreReinstated(Guid ProcedureId, string TenantId, Guid CaseId, Guid CadreId, string Outcome, string? RuleId, string? Reason)
    : IDomainResult;

public static class FollowUpOutcomes
{
    public const string Reinstated = "Reinstated";
    public const string Refused = "Refused";
}
