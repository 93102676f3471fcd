using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Inspections;

public sealed record AnnounceInspectionRequest(
    Guid CadreId, DateOnly StartsOn, int Posts, Guid[] Candidates, string TeamLeader, bool PublicSelection = false, Guid? ProcedureId = null);

public sealed record InspectionFindingRequest(Guid CadreId, bool Qualified, string? Findings = null);

internal sealed class AnnounceInspectionValidator : AbstractValidator<AnnounceInspection>
{
    public AnnounceInspectionValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Candidates).NotNull().WithErrorCode("V1");
        RuleFor(c => c.TeamLeader).MaximumLength(200);
    }
}

internal sealed class ConcludeInspectionValidator : AbstractValidator<ConcludeInspection>
{
    public ConcludeInspectionValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Findings).MaximumLength(4000);
    }
}

public sealed record InspectionResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, DateOnly AnnouncedOn, DateOnly StartsOn, int Posts, bool PublicSelection,
    IReadOnlyList<Guid> Candidates, string TeamLeader, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static InspectionResponse From(Inspection i) => new(i.Id, i.TenantId, i.ProcedureId, i.CadreId, i.AnnouncedOn, i.StartsOn, i.Posts,
        i.PublicSelection, i.Candidates, i.TeamLeader, i.RecordedBy, i.RecordedAt);
}

public sealed record InspectionFindingResponse(
    Guid Id, string TenantId, Guid InspectionId, Guid ProcedureId, Guid CadreId, bool Qualified, string? Findings, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static InspectionFindingResponse From(InspectionFinding f) => new(f.Id, f.TenantId, f.InspectionId, f.ProcedureId, f.CadreId, f.Qualified,
        f.Findings, f.RecordedBy, f.RecordedAt);
}

internal static class InspectionEndpoints
{
    public static void MapInspections(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/inspections");

        group.MapCommand("/", (AnnounceInspectionRequest request, string tenant) => new AnnounceInspection(request.ProcedureId ?? Guid.Empty, tenant,
                    request.CadreId, request.StartsOn, request.Posts, request.Candidates, request.TeamLeader ?? "", request.PublicSelection),
                (Inspections inspections) => inspections.Announce, (Inspection inspection) => $"/api/vetting/inspections/{inspection.Id}", InspectionResponse.From)
            .WithSummary("Records an inspection announcement (考察预告) and applies V1: before the start, differential, a responsible team leader.");

        group.MapPost("/{id:guid}/findings", async (Guid id, InspectionFindingRequest request, CommandPipeline pipeline, Inspections inspections,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var finding = await pipeline.ExecuteAsync(db, new ConcludeInspection(Guid.Empty, http.User.TenantId(), request.CadreId, request.Qualified,
                    request.Findings, id), http.User.ActorId(), inspections.Conclude, ct);
                return TypedResults.Created($"/api/vetting/inspections/{id}/findings/{finding.Id}", InspectionFindingResponse.From(finding));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the inspection team's finding on one candidate (V1).");

        group.MapGet("/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct),
            InspectionResponse.From, "No such inspection."));

        group.MapGet("/", async (Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Inspections.AsNoTracking().Where(i => i.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(i => i.Candidates.Contains(cadre));
            return VettingResults.Listed(await query.OrderBy(i => i.RecordedAt).Take(500).ToListAsync(ct), InspectionResponse.From);
        });
    }
}
