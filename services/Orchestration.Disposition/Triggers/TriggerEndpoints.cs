using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Disposition.Triggers;

/// <param name="CadreId">The cadre whose results are evaluated.</param>
/// <param name="SatisfactionShare">The democratic evaluation's satisfaction share, 0 to 1 (D2: below 0.75 the cadre cannot be rated excellent).</param>
/// <param name="DissatisfactionShare">The democratic evaluation's dissatisfaction share, 0 to 1 (D2: above 0.20 admonishment talk, above 0.50 adjustment).</param>
/// <param name="IncompetentShare">The share of "incompetent" votes in the annual assessment, 0 to 1 (D2: 0.30 or more → demotion or removal).</param>
/// <param name="BottomGroupYearsRunning">Consecutive years in the bottom group of the annual comprehensive assessment (D2: two running).</param>
/// <param name="SpecialAssessmentBottomTimesRunning">Consecutive times in the bottom group of a special assessment (D2: twice running).</param>
/// <param name="PartyConductFailuresRunning">Consecutive failures of the Party-conduct responsibility assessment (D2: twice running).</param>
/// <param name="RatedUnsatisfactoryInReview">Rated unsatisfactory in a people's-congress or discipline-commission review (D2).</param>
/// <param name="LastInPerformanceReview">Ranked last (末位) in the performance review (D5: demotion or removal).</param>
public sealed record EvaluateTriggersRequest(
    Guid CadreId,
    decimal SatisfactionShare,
    decimal DissatisfactionShare,
    decimal IncompetentShare,
    int BottomGroupYearsRunning = 0,
    int SpecialAssessmentBottomTimesRunning = 0,
    int PartyConductFailuresRunning = 0,
    bool RatedUnsatisfactoryInReview = false,
    bool LastInPerformanceReview = false);

/// <param name="Id">The evaluation's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="SatisfactionShare">The satisfaction share evaluated, 0 to 1 (D2).</param>
/// <param name="DissatisfactionShare">The dissatisfaction share evaluated, 0 to 1 (D2).</param>
/// <param name="IncompetentShare">The share of "incompetent" votes evaluated, 0 to 1 (D2).</param>
/// <param name="BottomGroupYearsRunning">Consecutive years in the bottom group of the annual assessment (D2).</param>
/// <param name="SpecialAssessmentBottomTimesRunning">Consecutive times in the bottom group of a special assessment (D2).</param>
/// <param name="PartyConductFailuresRunning">Consecutive failures of the Party-conduct responsibility assessment (D2).</param>
/// <param name="RatedUnsatisfactoryInReview">Rated unsatisfactory in a people's-congress or discipline-commission review (D2).</param>
/// <param name="MayBeRatedExcellent">The cadre may be rated excellent this year (D2: satisfaction of 75% or more).</param>
/// <param name="Outcome">What the triggers call for: NoAction, Admonishment or Adjustment (D2).</param>
/// <param name="FiredTriggers">The D2 triggers that fired, each in words.</param>
/// <param name="Reason">Why, in words; empty when no trigger fired.</param>
/// <param name="CaseId">The disposition case opened for an adjustment; empty otherwise.</param>
/// <param name="EvaluatedAt">When the evaluation was recorded (UTC instant).</param>
/// <param name="LastInPerformanceReview">Ranked last (末位) in the performance review (D5).</param>
public sealed record TriggerEvaluationResponse(
    Guid Id, Guid ProcedureId, Guid CadreId, decimal SatisfactionShare, decimal DissatisfactionShare, decimal IncompetentShare, int BottomGroupYearsRunning,
    int SpecialAssessmentBottomTimesRunning, int PartyConductFailuresRunning, bool RatedUnsatisfactoryInReview, bool MayBeRatedExcellent, string Outcome,
    IReadOnlyList<string> FiredTriggers, string? Reason, Guid? CaseId, DateTimeOffset EvaluatedAt, bool LastInPerformanceReview)
{
    public static TriggerEvaluationResponse From(TriggerEvaluation e) => new(e.Id, e.ProcedureId, e.CadreId, e.SatisfactionShare, e.DissatisfactionShare,
        e.IncompetentShare, e.BottomGroupYearsRunning, e.SpecialAssessmentBottomTimesRunning, e.PartyConductFailuresRunning, e.RatedUnsatisfactoryInReview,
        e.MayBeRatedExcellent, e.Outcome, e.FiredTriggers, e.Reason, e.CaseId, e.EvaluatedAt, e.LastInPerformanceReview);
}

internal static class TriggerEndpoints
{
    public static void MapTriggerEvaluations(this RouteGroupBuilder disposition)
    {
        var group = disposition.MapGroup("/");

        group.MapPost("/evaluations", async Task<Created<TriggerEvaluationResponse>> (EvaluateTriggersRequest request, TriggerEvaluations evaluations,
                CommandPipeline pipeline, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var evaluation = await pipeline.ExecuteAsync(db, new EvaluateDispositionTriggers(Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.SatisfactionShare, request.DissatisfactionShare, request.IncompetentShare, request.BottomGroupYearsRunning,
                    request.SpecialAssessmentBottomTimesRunning, request.PartyConductFailuresRunning, request.RatedUnsatisfactoryInReview,
                    request.LastInPerformanceReview),
                    http.User.ActorId(), (command, _, _) => Task.FromResult(evaluations.Evaluate(command)), ct);
                return TypedResults.Created($"/api/disposition/evaluations/{evaluation.Id}", TriggerEvaluationResponse.From(evaluation));
            })
            .ProducesValidationProblem()
            .WithSummary("Evaluates a cadre's results against the D2 triggers; opens a case when one calls for a measure.");
    }
}
