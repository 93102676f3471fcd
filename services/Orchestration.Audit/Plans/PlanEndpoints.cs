using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Plans;

public sealed record DrawUpPlanRequest(int? Tier3Samples = null, Guid? ProcedureId = null);

internal sealed class DrawUpPlanValidator : AbstractValidator<DrawUpPlanRequest>
{
    public DrawUpPlanValidator(IOptions<AuditOptions> options)
    {
        RuleFor(r => r.Tier3Samples).InclusiveBetween(options.Value.Tier3SampleMin, options.Value.Tier3SampleMax)
            .When(r => r.Tier3Samples is not null).WithErrorCode("A2")
            .WithMessage($"Tier 3 samples {options.Value.Tier3SampleMin}–{options.Value.Tier3SampleMax} units a year.");
    }
}

public sealed record AuditPlanView(Guid Id, int Year, DateTimeOffset DrawnUpAt, string DrawnUpBy, IReadOnlyList<PlannedAudit> Units);

internal static class PlanEndpoints
{
    public static void MapPlans(this RouteGroupBuilder audit)
    {
        var plans = audit.MapGroup("/plans");

        plans.MapPost("/{year:int}", async (int year, DrawUpPlanRequest request, AuditPlans planner, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (plan, created) = await planner.DrawUpAsync(new DrawUpAuditPlan(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), year,
                    request.Tier3Samples), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                var view = View(plan);
                return created ? Results.Created($"/api/audit/plans/{year}", view) : Results.Ok(view);
            })
            .WithValidation<DrawUpPlanRequest>()
            .WithSummary("Draws up the year's audit plan by rule A2 (an existing plan for the year is returned unchanged).");

        plans.MapGet("/{year:int}", async (int year, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Plans.AsNoTracking().Include(p => p.Entries).AsSplitQuery()
                    .SingleOrDefaultAsync(p => p.Year == year && p.TenantId == http.User.TenantId(), ct)
                is { } plan ? Results.Ok(View(plan)) : Results.Problem(statusCode: 404, title: "No plan for that year."));
    }

    static AuditPlanView View(AuditPlan plan) => new(plan.Id, plan.Year, plan.DrawnUpAt, plan.DrawnUpBy, AuditPlans.ToPlanned(plan));
}
