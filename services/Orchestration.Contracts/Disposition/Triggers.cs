namespace Orchestration.Contracts.Disposition;

/// <summary>
/// Evaluates a cadre's democratic-evaluation and annual-assessment results against the quantitative triggers of rule D2;
/// when one fires, a disposition case is opened (source: assessment and evaluation results, D1). Failed, with the reason, for shares
/// outside 0–1 or negative counts.
/// </summary>
[DomainActivity("Evaluate disposition triggers", "组织处理量化触发",
    Rule = "D2", Description = "Satisfaction below 75% bars 'excellent'; dissatisfaction above 20% → admonishment talk, above 50% → adjustment; 30% or more 'incompetent' → demotion or removal; bottom group two years (special assessment twice) running, Party-conduct assessment failed twice running, or an unsatisfactory review rating → adjustment; last place in the performance review (政绩督查排在末位) → demotion or removal.",
    Outcomes = [DispositionOutcomes.NoAction, DispositionOutcomes.Admonishment, DispositionOutcomes.Adjustment, DispositionOutcomes.Demotion, Outcomes.Failed])]
public sealed record EvaluateDispositionTriggers(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("满意率", "Satisfaction share", "民主评议满意票比例，0–1 之间的小数；低于 0.75 不得评为优秀（D2）。")]
    decimal SatisfactionShare,
    [property: ActivityInput("不满意率", "Dissatisfaction share", "民主评议不满意票比例，0–1；超过 0.2 诫勉谈话，超过 0.5 调整（D2）。")]
    decimal DissatisfactionShare,
    [property: ActivityInput("不称职票比例", "Incompetent share", "年度考核“不称职”票比例，0–1；达到 0.3 降职或免职（D2）。")]
    decimal IncompetentShare,
    [property: ActivityInput("连续末位年数", "Years in bottom group", "年度综合考核连续排在末位的年数；连续两年调整（D2）。")]
    int BottomGroupYearsRunning = 0,
    [property: ActivityInput("专项考核连续末位次数", "Special-assessment bottom times", "专项考核连续排在末位的次数；连续两次调整（D2）。")]
    int SpecialAssessmentBottomTimesRunning = 0,
    [property: ActivityInput("党风廉政考核连续不合格次数", "Party-conduct failures running", "党风廉政建设责任制考核连续不合格的次数；连续两次调整（D2）。")]
    int PartyConductFailuresRunning = 0,
    [property: ActivityInput("评议不满意", "Rated unsatisfactory in review", "在人大或纪委的评议中被评为不满意（D2）。")]
    bool RatedUnsatisfactoryInReview = false,
    [property: ActivityInput("政绩督查末位", "Last in performance review", "政绩督查排在末位，降职或免职（D2、D5）。")]
    bool LastInPerformanceReview = false) : IDomainCommand<DispositionTriggersEvaluated>, ICadreMessage;

/// <param name="EvaluationId">Empty, with no case and no excellent rating allowed, when the evaluation was refused.</param>
public sealed record DispositionTriggersEvaluated(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid EvaluationId,
    Guid? CaseId,
    bool MayBeRatedExcellent,
    string Outcome,
    string? RuleId,
    string? Reason,
    IReadOnlyList<string>? FiredTriggers = null) : IDomainResult, ICadreMessage;

public static class DispositionOutcomes
{
    public const string NoAction = "NoAction";
    public const string Admonishment = "Admonishment";
    public const string Adjustment = "Adjustment";
    public const string Demotion = "Demotion";
}
