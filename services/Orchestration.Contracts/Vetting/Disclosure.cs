namespace Orchestration.Contracts.Vetting;

/// <summary>The nine categories of the round-1 personal-matters disclosure form (考察对象有关事项公开表, rule V4).</summary>
public enum DisclosureCategory
{
    /// <summary>本人的婚姻变化情况</summary>
    MarriageChanges,
    /// <summary>本人持有因私出国(境)证件的情况</summary>
    PrivatePassports,
    /// <summary>本人因私出国(境)的情况</summary>
    PrivateTripsAbroad,
    /// <summary>配偶、子女移居国(境)外的情况</summary>
    FamilyEmigration,
    /// <summary>配偶、子女从业情况，本人的工资及各类奖金、津贴、补贴</summary>
    FamilyEmploymentAndOwnPay,
    /// <summary>本人、配偶、共同生活的子女的房产情况</summary>
    RealEstate,
    /// <summary>有价证券、股票、期货、基金、投资型保险等</summary>
    SecuritiesFundsAndInsurance,
    /// <summary>配偶、共同生活的子女投资非上市公司、企业的情况</summary>
    FamilyInvestmentsInUnlistedCompanies,
    /// <summary>配偶、共同生活的子女注册个体工商户、个人独资企业或者合伙企业的情况</summary>
    FamilyBusinesses,
}

/// <summary>Deputy-rank candidates are posted at the work unit and residence; principal-rank also in the field they supervise.</summary>
public enum DisclosureRank
{
    Deputy,
    Principal,
}

/// <param name="Category">Which of the nine categories of the round-1 form (V4) the statement is about, e.g. MarriageChanges.</param>
/// <param name="Statement">What the candidate declares in that category.</param>
public sealed record DisclosureItem(DisclosureCategory Category, string Statement);

public static class DisclosureOutcomes
{
    /// <summary>The form is incomplete and goes back to the candidate to be filed again (退回重报).</summary>
    public const string SentBack = "SentBack";
}

/// <summary>
/// V4 round 1 — an inspection candidate files the nine-category form and a self-evaluation before the decision meeting; a
/// complete form is posted for five working days (configurable), an incomplete one is sent back naming what is missing.
/// </summary>
[DomainActivity("File personal-matters disclosure (round 1)", "考察对象有关事项第一次公开",
    Rule = "V4", Description = "Checks the nine categories and the self-evaluation; posts a complete form for 5 working days, sends an incomplete one back (V4).",
    Outcomes = [Contracts.Outcomes.Passed, DisclosureOutcomes.SentBack])]
public sealed record FileDisclosure(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    DisclosureRank Rank,
    DisclosureItem[] Items,
    string? SelfEvaluation,
    DateOnly? PostingOpensOn = null) : IDomainCommand<DisclosureFiled>, ICadreMessage;

public sealed record DisclosureFiled(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid DisclosureId,
    string Outcome,
    string? RuleId,
    string? Reason,
    DisclosureCategory[] MissingCategories,
    bool SelfEvaluationMissing,
    DateOnly? PostingOpensOn,
    DateOnly? PostingEndsOn,
    string[] PostedAt) : IDomainResult, ICadreMessage;

/// <summary>
/// V4 round 2 — after the decision the organization department publishes through TV and web, for five working days
/// (configurable), only the ages, history, identity, marriage, real estate and annual income (三龄两历一身份、婚姻、房产、年收入).
/// </summary>
[DomainActivity("Publish personal matters (round 2)", "拟提拔人选有关事项第二次公开",
    Rule = "V4", Description = "Publishes only the listed fields for 5 working days; refused before an approved decision or without the cadre's file (V4).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record PublishDisclosure(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    string Identity,
    string MaritalStatus,
    string RealEstate,
    decimal AnnualIncome,
    DateOnly? OpensOn = null) : IDomainCommand<DisclosurePublished>, ICadreMessage;

public sealed record DisclosurePublished(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid PublicationId,
    string Outcome,
    string? RuleId,
    string? Reason,
    DateOnly? OpensOn,
    DateOnly? EndsOn) : IDomainResult, ICadreMessage;
