using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Inspections;

public sealed record AnnounceInspectionRequest(
    Guid CadreId, DateOnly StartsOn, int Posts, Guid[] Candidates, string TeamLeader, bool PublicSelection = false, Guid? ProcedureId = null);

public sealed record InspectionFindingRequest(Guid CadreId, bool Qualified, string? Findings = null);

internal sealed class AnnounceInspectionValidator : AbstractValidator<AnnounceInspectionRequest>
{
    public AnnounceInspectionValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Candidates).NotNull();
        RuleFor(r => r.TeamLeader).MaximumLength(200);
    }
}

internal sealed class InspectionFindingValidator : AbstractValidator<InspectionFindingRequest>
{
    public InspectionFindingValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Findings).MaximumLength(4000);
    }
}

internal static class InspectionEndpoints
{
    public static void MapInspections(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/inspections");

        group.MapPost("/", async (AnnounceInspectionRequest request, Inspections inspections, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var inspection = inspections.Announce(new AnnounceInspection(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.StartsOn, request.Posts, request.Candidates, request.TeamLeader ?? "", request.PublicSelection), http.User.ActorId());
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/inspections/{inspection.Id}", inspection);
            })
            .WithValidation<AnnounceInspectionRequest>()
            .WithSummary("Records an inspection announcement (考察预告) and applies V1: before the start, differential, a responsible team leader.");

        group.MapPost("/{id:guid}/findings", async (Guid id, InspectionFindingRequest request, Inspections inspections, VettingDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var finding = await inspections.Conclude(new ConcludeInspection(Guid.Empty, http.User.TenantId(), request.CadreId, request.Qualified,
                    request.Findings, id), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/inspections/{id}/findings/{finding.Id}", finding);
            })
            .WithValidation<InspectionFindingRequest>()
            .WithSummary("Records the inspection team's finding on one candidate (V1).");

        group.MapGet("/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct)
                is { } inspection ? Results.Ok(inspection) : Results.Problem(statusCode: 404, title: "No such inspection."));

        group.MapGet("/", async (Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Inspections.AsNoTracking().Where(i => i.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(i => i.Candidates.Contains(cadre));
            return await query.OrderBy(i => i.RecordedAt).Take(500).ToListAsync(ct);
        });
    }
}
