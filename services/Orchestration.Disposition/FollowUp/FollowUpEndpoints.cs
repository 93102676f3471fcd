using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Disposition.FollowUp;

public sealed record FollowUpRequest(DateOnly HeldOn, string HeldBy, string Notes);

/// <param name="AboveOriginalLevel">The post offered is above the level the cadre held before the measure (D6: barred two years after a removal).</param>
public sealed record ReinstateRequest(bool InspectionPassed, string? InspectionReference = null, bool AboveOriginalLevel = false);

internal sealed class FollowUpValidator : AbstractValidator<FollowUpRequest>
{
    public FollowUpValidator()
    {
        RuleFor(r => r.HeldOn).NotEmpty();
        RuleFor(r => r.HeldBy).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Notes).NotEmpty().MaximumLength(2000);
    }
}

internal sealed class ReinstateValidator : AbstractValidator<ReinstateRequest>
{
    public ReinstateValidator() => RuleFor(r => r.InspectionReference).MaximumLength(200);
}

internal static class FollowUpEndpoints
{
    public static void MapFollowUp(this RouteGroupBuilder disposition)
    {
        var cases = disposition.MapGroup("/cases/{id:guid}");

        foreach (var (path, kind) in new[] { ("talks", FollowUpKinds.Talk), ("revisits", FollowUpKinds.Revisit), ("annual-assessments", FollowUpKinds.AnnualAssessment) })
            cases.MapPost($"/follow-up/{path}", async (Guid id, FollowUpRequest request, FollowUps followUps, DispositionDbContext db, HttpContext http,
                    CancellationToken ct) =>
                {
                    var (entry, verdict) = await followUps.RecordAsync(Guid.Empty, http.User.TenantId(), id, kind, request.HeldOn, request.HeldBy, request.Notes, ct);
                    if (!verdict.Allowed) throw new RuleViolationException(verdict.Field!, verdict.RuleId!, verdict.Reason);
                    await db.SaveChangesAsync(ct);
                    return Results.Created($"/api/disposition/cases/{id}/follow-up", entry);
                })
                .WithValidation<FollowUpRequest>()
                .WithSummary($"Enters a {kind} in the disposed cadre's ledger (D6).");

        cases.MapGet("/follow-up", async (Guid id, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await db.FollowUps.AsNoTracking().Where(f => f.CaseId == id && f.TenantId == tenant).OrderBy(f => f.HeldOn).ToListAsync(ct);
        });

        cases.MapPost("/reinstatement", async (Guid id, ReinstateRequest request, FollowUps followUps, DispositionDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var (@case, verdict) = await followUps.ReinstateAsync(new ReinstateCadre(Guid.Empty, http.User.TenantId(), id, request.InspectionPassed,
                    request.InspectionReference, request.AboveOriginalLevel), http.User.ActorId(), ct);
                if (!verdict.Allowed) throw new RuleViolationException(verdict.Field!, verdict.RuleId!, verdict.Reason);
                await db.SaveChangesAsync(ct);
                return Results.Ok(@case);
            })
            .WithValidation<ReinstateRequest>()
            .WithSummary("Reinstates a disposed cadre after a passed inspection and enough quarterly revisits (D6).");
    }
}
