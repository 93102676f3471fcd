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
