using FluentValidation;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Http;
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
    bool RatedUnsatisfactoryInReview = false);

internal sealed class EvaluateTriggersValidator : AbstractValidator<EvaluateTriggersRequest>
{
    public EvaluateTriggersValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.SatisfactionShare).InclusiveBetween(0, 1).WithErrorCode("D2").WithMessage("A share is between 0 and 1.");
        RuleFor(r => r.DissatisfactionShare).InclusiveBetween(0, 1).WithErrorCode("D2").WithMessage("A share is between 0 and 1.");
        RuleFor(r => r.IncompetentShare).InclusiveBetween(0, 1).WithErrorCode("D2").WithMessage("A share is between 0 and 1.");
        RuleFor(r => r.SatisfactionShare + r.DissatisfactionShare).LessThanOrEqualTo(1).OverridePropertyName("dissatisfactionShare")
            .WithErrorCode("D2").WithMessage("Satisfied and dissatisfied shares add up to more than 100%.");
        RuleFor(r => r.BottomGroupYearsRunning).GreaterThanOrEqualTo(0).WithErrorCode("D2");
        RuleFor(r => r.SpecialAssessmentBottomTimesRunning).GreaterThanOrEqualTo(0).WithErrorCode("D2");
        RuleFor(r => r.PartyConductFailuresRunning).GreaterThanOrEqualTo(0).WithErrorCode("D2");
    }
}

internal static class TriggerEndpoints
{
    public static void MapTriggerEvaluations(this RouteGroupBuilder disposition)
    {
        var group = disposition.MapGroup("/");

        group.MapPost("/evaluations", async (EvaluateTriggersRequest request, TriggerEvaluations evaluations, DispositionDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var evaluation = evaluations.Evaluate(new EvaluateDispositionTriggers(Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.SatisfactionShare, request.DissatisfactionShare, request.IncompetentShare, request.BottomGroupYearsRunning,
                    request.SpecialAssessmentBottomTimesRunning, request.PartyConductFailuresRunning, request.RatedUnsatisfactoryInReview));
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/disposition/evaluations/{evaluation.Id}", evaluation);
            })
            .WithValidation<EvaluateTriggersRequest>()
            .WithSummary("Evaluates a cadre's results against the D2 triggers; opens a case when one calls for a measure.");
    }
}
