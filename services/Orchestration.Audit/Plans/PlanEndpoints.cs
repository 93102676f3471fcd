using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Plans;

/// <param name="Tier3Samples">How many tier-3 units to sample for an audit during term (A2: 1–2 a year); the configured number when left out.</param>
/// <param name="ProcedureId">The procedure waiting for the plan, resumed when it is drawn up; empty when none waits.</param>
public sealed record DrawUpPlanRequest(int? Tier3Samples = null, Guid? ProcedureId = null);

/// <summary>A2: a plan is for a year the county keeps, sampling tier 3 within the configured range; over HTTP and the bus alike.</summary>
public sealed class DrawUpAuditPlanValidator : AbstractValidator<DrawUpAuditPlan>
{
    public DrawUpAuditPlanValidator(IOptions<AuditOptions> options)
    {
        RuleFor(c => c.Year).InclusiveBetween(2000, 2200).WithErrorCode("A2");
        RuleFor(c => c.Tier3Samples).InclusiveBetween(options.Value.Tier3SampleMin, options.Value.Tier3SampleMax)
            .When(c => c.Tier3Samples is not null).WithErrorCode("A2")
            .WithMessage($"Tier 3 samples {options.Value.Tier3SampleMin}–{options.Value.Tier3SampleMax} units a year.");
    }
}

/// <param name="Id">The plan's id.</param>
/// <param name="Year">The year the plan covers.</param>
/// <param name="DrawnUpAt">When the plan was drawn up (UTC instant).</param>
/// <param name="DrawnUpBy">Who drew up the plan: the signed-in person's id.</param>
/// <param name="Units">The units to audit in the year, each with its tier and why it is in the plan (A2, A3).</param>
public sealed record AuditPlanView(Guid Id, int Year, DateTimeOffset DrawnUpAt, string DrawnUpBy, IReadOnlyList<PlannedAudit> Units);

internal static class PlanEndpoints
{
    public static void MapPlans(this RouteGroupBuilder audit)
    {
        var plans = audit.MapGroup("/plans");

        plans.MapPost("/{year:int}", async Task<Results<Created<AuditPlanView>, Ok<AuditPlanView>>> ([Description("The year of the audit plan.")] int year, DrawUpPlanRequest request, AuditPlans planner,
                CommandPipeline pipeline, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (plan, created) = await pipeline.ExecuteAsync(db, new DrawUpAuditPlan(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), year,
                    request.Tier3Samples), http.User.ActorId(), planner.DrawUpAsync, ct);
                var view = View(plan);
                return created ? TypedResults.Created($"/api/audit/plans/{year}", view) : TypedResults.Ok(view);
            })
            .ProducesValidationProblem()
            .WithSummary("Draws up the year's audit plan by rule A2 (an existing plan for the year is returned unchanged).");

        plans.MapGet("/{year:int}", async Task<Results<Ok<AuditPlanView>, ProblemHttpResult>> ([Description("The year of the audit plan.")] int year, AuditDbContext db, HttpContext http,
                CancellationToken ct) =>
            await db.Plans.AsNoTracking().Include(p => p.Entries).AsSplitQuery()
                    .SingleOrDefaultAsync(p => p.Year == year && p.TenantId == http.User.TenantId(), ct)
                is { } plan ? TypedResults.Ok(View(plan)) : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No plan for that year."))
            .WithSummary("The year's audit plan.");
    }

    static AuditPlanView View(AuditPlan plan) => new(plan.Id, plan.Year, plan.DrawnUpAt, plan.DrawnUpBy, AuditPlans.ToPlanned(plan));
}
