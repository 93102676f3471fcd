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
    Guid CadreId,
    decimal SatisfactionShare,
    decimal DissatisfactionShare,
    decimal IncompetentShare,
    int BottomGroupYearsRunning = 0,
    int SpecialAssessmentBottomTimesRunning = 0,
    int PartyConductFailuresRunning = 0,
    bool RatedUnsatisfactoryInReview = false,
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
