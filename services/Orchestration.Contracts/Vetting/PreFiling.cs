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
    Description = "Records the superior organization department's answer for the listed cases; a refusal fails the candidacy (V7).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record RecordPreFilingReview(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    PreFilingCase[] Cases,
    bool Approved,
    string Reviewer,
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

/// <summary>Whether a candidacy must wait for the superior organization department before its decision meeting (V7).</summary>
public static class PreFilingOutcomes
{
    /// <summary>No case applies, or every case that applies is approved: the decision meeting may be held.</summary>
    public const string NotRequired = "NotRequired";

    /// <summary>A case applies without the superior's approval: the procedure waits for the review (报上级组织部门审核).</summary>
    public const string Required = "Required";
}

/// <summary>
/// V7 — asks the vetting service which pre-filing cases apply to the candidacy before its decision meeting: those found in the
/// procedure's records (a collateral relative of the nominator), a sanction on the cadre's file, and any case a review was asked for.
/// Answers <see cref="PreFilingOutcomes.Required"/> with the cases still lacking the superior's approval, or
/// <see cref="PreFilingOutcomes.NotRequired"/> when none does, so a procedure without a case skips the wait.
/// </summary>
[DomainActivity("Check pre-filing cases", "任前报备审核情形",
    Description = "Finds the V7 cases of the candidacy (relatives of county leaders, past sanctions, cases under review): Required while one lacks " +
                  "the superior's approval, NotRequired otherwise.",
    Outcomes = [PreFilingOutcomes.NotRequired, PreFilingOutcomes.Required])]
public sealed record CheckPreFiling(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId) : IDomainCommand<PreFilingChecked>, ICadreMessage;

/// <param name="Cases">Every case that applies to the candidacy.</param>
/// <param name="Unapproved">The cases still waiting for the superior's approval; empty when the decision meeting may be held.</param>
public sealed record PreFilingChecked(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    PreFilingCase[] Cases,
    PreFilingCase[] Unapproved,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
