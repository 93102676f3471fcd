using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Disposition.Triggers;

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
