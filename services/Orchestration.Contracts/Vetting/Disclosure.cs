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
    [Choice("副职")]
    Deputy,
    [Choice("正职")]
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
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("人选层级", "Rank", "副职在工作单位和居住地公开，正职还在分管领域公开（V4）。")]
    DisclosureRank Rank,
    [property: ActivityInput("九类事项", "Items", "公开表九类事项的填报内容（JSON：category、statement）；缺项退回（V4）。")]
    DisclosureItem[] Items,
    [property: ActivityInput("自我评价", "Self-evaluation", "考察对象的自我评价；为空退回（V4）。", Multiline = true)]
    string? SelfEvaluation,
    [property: ActivityInput("公开开始日期", "Posting opens on", "第一次公开的起始日，公开 5 个工作日（V4、C5）。", WhenEmpty = "县域当天（中国标准时间）")]
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
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("身份", "Identity", "第二次公开的身份信息（V4）；只公开所列事项。")]
    string Identity,
    [property: ActivityInput("婚姻状况", "Marital status", "第二次公开的婚姻状况（V4）。")]
    string MaritalStatus,
    [property: ActivityInput("房产情况", "Real estate", "第二次公开的房产情况（V4）。", Multiline = true)]
    string RealEstate,
    [property: ActivityInput("年收入（元）", "Annual income (CNY)", "第二次公开的年收入（V4）。")]
    decimal AnnualIncome,
    [property: ActivityInput("公开开始日期", "Opens on", "通过电视、网站第二次公开的起始日，公开 5 个工作日（V4、C5）。", WhenEmpty = "县域当天（中国标准时间）")]
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
