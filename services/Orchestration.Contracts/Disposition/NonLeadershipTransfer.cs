namespace Orchestration.Contracts.Disposition;

/// <summary>
/// D5 — the date a leader reaches the age of transfer to a non-leadership post (men 52, women 50), so a workflow can wait for it. Failed,
/// with the reason, for a birth date out of range or an unknown sex.
/// </summary>
[DomainActivity("Compute age transfer date", "计算到龄改非日期",
    Rule = "D5", Description = "The birthday on which the cadre reaches the configured age (men 52, women 50).", Outcomes = [Outcomes.Done, Outcomes.Failed])]
public sealed record ComputeAgeTransferDate(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("出生日期", "Birth date", "干部档案记载的出生日期（C3、D5）。")]
    DateOnly BirthDate,
    [property: ActivityInput("性别", "Sex", "档案记载的性别：男 52 岁、女 50 岁改任非领导职务（D5，可配置）。")]
    Sex Sex) : IDomainCommand<AgeTransferDateComputed>, ICadreMessage;

/// <param name="TransferDate">The birthday of the transfer; null when the command was refused.</param>
/// <param name="Age">The transfer age; null when the command was refused.</param>
public sealed record AgeTransferDateComputed(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    DateOnly? TransferDate,
    int? Age,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
