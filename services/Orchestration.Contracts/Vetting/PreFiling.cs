namespace Orchestration.Contracts.Vetting;

/// <summary>The five cases that need the superior organization department's review before the decision (V7).</summary>
public enum PreFilingCase
{
    /// <summary>县领导的配偶、子女、亲属及身边工作人员</summary>
    RelativeOrStaffOfCountyLeader,
    /// <summary>破格提拔</summary>
    ExceptionalPromotion,
    /// <summary>超职数配备</summary>
    OverQuota,
    /// <summary>在重要问题上有争议</summary>
    Contested,
    /// <summary>受过党纪政纪处分</summary>
    PastSanction,
}

/// <summary>
/// V7 — records the superior organization department's review (报州党委组织部审核) of a candidate in one of the five cases;
/// the decision meeting refuses such a candidate until an approval is recorded.
/// </summary>
[DomainActivity("Record superior review (pre-filing)", "任前报备审核",
    Rule = "V7", Description = "Records the superior organization department's answer for the listed cases; a refusal fails the candidacy (V7).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record RecordPreFilingReview(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("报备情形", "Cases", "报上级组织部门审核的 V7 情形（JSON 数组）。")]
    PreFilingCase[] Cases,
    [property: ActivityInput("上级同意", "Approved", "上级组织部门同意；不同意则本次人选未通过（V7）。")]
    bool Approved,
    [property: ActivityInput("审核单位", "Reviewer", "作出审核的上级组织部门或审核人（V7）。")]
    string Reviewer,
    [property: ActivityInput("审核文号", "Reference", "上级审核意见的文号。")]
    string? Reference = null) : IDomainCommand<PreFilingReviewed>, ICadreMessage;

public sealed record PreFilingReviewed(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid PreFilingId,
    PreFilingCase[] Cases,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;

/// <summary>What <see cref="CheckPreFiling"/> answers: no case applies, every applying case is approved, or an approval is still needed.</summary>
public static class PreFilingOutcomes
{
    public const string NotRequired = "NotRequired";
    public const string Approved = "Approved";
    public const string Required = "Required";
}

/// <summary>
/// V7 — before the decision meeting, the procedure asks whether its candidacy is a pre-filing case: one found in the procedure's
/// records (a nominator's relative, N3), a sanction on the cadre's file, or a case a review of this procedure named. The answer says
/// whether the superior's approval is still needed, so the procedure waits for it only when a case applies.
/// </summary>
[DomainActivity("Check pre-filing", "任前报备核查",
    Rule = "V7", Description = "Finds the V7 cases of this candidacy; Required waits for the superior organization department's review.",
    Outcomes = [PreFilingOutcomes.NotRequired, PreFilingOutcomes.Approved, PreFilingOutcomes.Required, Contracts.Outcomes.Failed])]
public sealed record CheckPreFiling(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId) : IDomainCommand<PreFilingChecked>, ICadreMessage;

/// <param name="Cases">The cases that apply to the candidacy.</param>
/// <param name="Unapproved">Those without an approval of this procedure yet.</param>
public sealed record PreFilingChecked(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    PreFilingCase[] Cases,
    PreFilingCase[] Unapproved,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
