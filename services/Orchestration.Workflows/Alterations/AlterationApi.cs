using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Alterations;

/// <summary>
/// Elsa 3's alterations API (dry run, run, submit, plan), served under <c>/api/workflows/alterations</c> and, for Elsa's own
/// clients, under <c>/elsa/api/alterations</c> with the same shapes. Every call sees only the caller's county.
/// </summary>
public static class AlterationApi
{
    public static void Map(RouteGroupBuilder alterations)
    {
        alterations.MapPost("/dry-run", async (AlterationRequest request, AlterationPlans plans, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await plans.DryRunAsync(request, http.User.TenantId(), http.User.ActorId(), ct)))
            .WithSummary("Which of the selected instances the alterations would change, and why each other one cannot move; nothing is changed.");

        alterations.MapPost("/run", async (AlterationRequest request, AlterationPlans plans, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await plans.RunAsync(request, http.User.TenantId(), http.User.ActorId(), ct)))
            .WithSummary($"Applies the alterations at once to at most {AlterationPlans.MaxRunAtOnce} instances, each journaled with the person.");

        alterations.MapPost("/submit", async (AlterationRequest request, AlterationPlans plans, HttpContext http, CancellationToken ct) =>
            {
                var submitted = await plans.SubmitAsync(request, http.User.TenantId(), http.User.ActorId(), ct);
                return TypedResults.Accepted($"{http.Request.PathBase}{http.Request.Path.Value![..^"/submit".Length]}/{submitted.PlanId}", submitted);
            })
            .WithSummary("Accepts a plan for any number of instances; it is applied in batches in the background, each move journaled.");

        alterations.MapPost("/workflows/retry", async (RetryRequest request, Runtime.WorkflowRuntime runtime, WorkflowDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var results = new List<AlterationResult>();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var id in (request.WorkflowInstanceIds ?? []).Distinct().Order())
                {
                    try
                    {
                        await runtime.RetryAsync(id, http.User.TenantId(), http.User.ActorId(), ct);
                        results.Add(new(id, true, null));
                    }
                    catch (Exception refused) when (refused is NotFoundException or StateConflictException)
                    {
                        results.Add(new(id, false, refused.Message)); // checked before anything changed: the others go on
                    }
                }
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return TypedResults.Ok(new AlterationRun(results));
            })
            .WithSummary("Retries faulted instances from the activity that failed (Elsa's retry alteration), each journaled with the person.");

        alterations.MapGet("/{id:guid}", async Task<Results<Ok<AlterationPlanView>, NotFound>> ([Description("The plan's id, as submitting it answered.")] Guid id, AlterationPlans plans, HttpContext http, CancellationToken ct) =>
                await plans.FindAsync(id, http.User.TenantId(), ct) is { } plan ? TypedResults.Ok(plan) : TypedResults.NotFound())
            .WithSummary("A plan with its counts and, per instance, whether it was altered and why not.");

        alterations.MapGet("/", async (WorkflowDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var plans = await db.AlterationPlans.AsNoTracking().Where(p => p.TenantId == tenant).OrderByDescending(p => p.CreatedAt).Take(50).ToListAsync(ct);
                var ids = plans.Select(p => p.Id).ToList();
                var counts = await db.AlterationJobs.AsNoTracking().Where(j => ids.Contains(j.PlanId)).GroupBy(j => new { j.PlanId, j.Status })
                    .Select(g => new { g.Key.PlanId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
                int Count(Guid plan, string status) => counts.Where(c => c.PlanId == plan && c.Status == status).Sum(c => c.Count);
                return TypedResults.Ok(plans.Select(p => new AlterationPlanSummary(p.Id, p.Status, System.Text.Json.Nodes.JsonNode.Parse(p.AlterationsJson), p.CreatedBy,
                    p.CreatedAt, p.CompletedAt, p.Total, Count(p.Id, AlterationStatus.Completed), Count(p.Id, AlterationStatus.Failed))).ToList());
            })
            .WithSummary("The county's latest 50 alteration plans with their counts, newest first.");
    }
}

/// <summary>Faulted instances to retry.</summary>
/// <param name="WorkflowInstanceIds">The county's faulted instances; others are answered as not retried, with why.</param>
/// <param name="ActivityIds">Elsa's choice of activities; an instance is always retried from the activity where it failed.</param>
public sealed record RetryRequest(Guid[]? WorkflowInstanceIds, string[]? ActivityIds);
