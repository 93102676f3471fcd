using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.CadreFiles;

public sealed record OpenCadreFileRequest(
    Guid CadreId, string Name, Sex? Sex, DateOnly BirthDate, DateOnly? PartyJoinedOn, DateOnly WorkStartedOn, string Education, string[] CareerHistory);

public sealed record CadreFileEntryRequest(CadreFileCategory Category, string Summary, int? Year = null);

public sealed record AgesAndHistoryRequest(
    DateOnly BirthDate, DateOnly? PartyJoinedOn, DateOnly WorkStartedOn, string Education, string[] CareerHistory, Guid? ProcedureId = null);

internal sealed class OpenCadreFileValidator : AbstractValidator<OpenCadreFileRequest>
{
    public OpenCadreFileValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Name).SaneName(100);
        RuleFor(r => r.BirthDate).SaneDate();
        RuleFor(r => r.PartyJoinedOn).SaneDate();
        RuleFor(r => r.WorkStartedOn).SaneDate();
        RuleForEach(r => r.CareerHistory).NotNull().SaneText(500);
        // C3 with D5: the file says whether the cadre moves to a non-leadership post at the men's or the women's age.
        RuleFor(r => r.Sex).NotNull().WithErrorCode("C3").WithMessage("The file needs the cadre's sex (male or female).").IsInEnum().WithErrorCode("C3");
        RuleFor(r => r.Education).NotEmpty().WithErrorCode("C3").MaximumLength(500);
        RuleFor(r => r.CareerHistory).NotEmpty().WithErrorCode("C3").WithMessage("The file needs the career history (一历).");
        RuleFor(r => r.WorkStartedOn).GreaterThan(r => r.BirthDate).WithErrorCode("C3").WithMessage("Work cannot start before birth.");
        RuleFor(r => r.PartyJoinedOn).GreaterThan(r => r.BirthDate).When(r => r.PartyJoinedOn is not null).WithErrorCode("C3")
            .WithMessage("Joining the Party cannot precede birth.");
    }
}

internal sealed class CadreFileEntryValidator : AbstractValidator<CadreFileEntryRequest>
{
    public CadreFileEntryValidator()
    {
        RuleFor(r => r.Category).IsInEnum();
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.Year).InclusiveBetween(1949, 2100).When(r => r.Year is not null);
    }
}

internal sealed class AgesAndHistoryRequestValidator : AbstractValidator<AgesAndHistoryRequest>
{
    public AgesAndHistoryRequestValidator()
    {
        RuleFor(r => r.BirthDate).SaneDate();
        RuleFor(r => r.PartyJoinedOn).SaneDate();
        RuleFor(r => r.WorkStartedOn).SaneDate();
        RuleFor(r => r.Education).NotNull().WithErrorCode("V2").SaneText(500);
        RuleFor(r => r.CareerHistory).NotNull().WithErrorCode("V2");
        RuleForEach(r => r.CareerHistory).NotNull().SaneText(500);
    }
}

/// <summary>The whole file as one reads it: the certified data, appended entries, and what other steps recorded about the cadre.</summary>
public sealed record CadreFileView(
    CadreFile File,
    IReadOnlyList<CadreFileEntry> Entries,
    IReadOnlyList<IntegrityExams.IntegrityExam> IntegrityExams,
    IReadOnlyList<Disclosures.Disclosure> Disclosures,
    IReadOnlyList<Reports.Report> Reports,
    IReadOnlyList<AgesAndHistoryVerification> Verifications);

internal static class CadreFileEndpoints
{
    public static void MapCadreFiles(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/cadre-files");

        group.MapPost("/", async (OpenCadreFileRequest request, CadreFiles files, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var file = await files.Open(http.User.TenantId(), request, http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/cadre-files/{file.CadreId}", file);
            })
            .WithValidation<OpenCadreFileRequest>()
            .WithSummary("Opens a cadre's file with the three ages and one history (C3) and announces it (CadreFileOpened).");

        group.MapPost("/{cadreId:guid}/entries", async (Guid cadreId, CadreFileEntryRequest request, CadreFiles files, VettingDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var entry = await files.Append(http.User.TenantId(), cadreId, request, http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/cadre-files/{cadreId}", entry);
            })
            .WithValidation<CadreFileEntryRequest>()
            .WithSummary("Appends an assessment, reward, punishment, commendation, criticism or disposition to the file (C3).");

        group.MapPost("/{cadreId:guid}/verifications", async (Guid cadreId, AgesAndHistoryRequest request, CadreFiles files, VettingDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var verification = await files.Verify(new VerifyAgesAndHistory(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), cadreId,
                    request.BirthDate, request.PartyJoinedOn, request.WorkStartedOn, request.Education, request.CareerHistory), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/cadre-files/{cadreId}", verification);
            })
            .WithValidation<AgesAndHistoryRequest>()
            .WithSummary("Checks submitted ages and history against the file and names every differing field (V2).");

        group.MapGet("/{cadreId:guid}", async (Guid cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var file = await db.CadreFiles.AsNoTracking().SingleOrDefaultAsync(f => f.TenantId == tenant && f.CadreId == cadreId, ct);
            if (file is null) return Results.Problem(statusCode: 404, title: "No file for this cadre.");
            return Results.Ok(new CadreFileView(file,
                await db.CadreFileEntries.AsNoTracking().Where(e => e.TenantId == tenant && e.CadreId == cadreId).OrderBy(e => e.RecordedAt).ToListAsync(ct),
                await db.IntegrityExams.AsNoTracking().Where(e => e.TenantId == tenant && e.CadreId == cadreId).OrderBy(e => e.RecordedAt).ToListAsync(ct),
                await db.Disclosures.AsNoTracking().Where(d => d.TenantId == tenant && d.CadreId == cadreId).OrderBy(d => d.RecordedAt).ToListAsync(ct),
                await db.Reports.AsNoTracking().Where(r => r.TenantId == tenant && r.CadreId == cadreId).OrderBy(r => r.ReceivedAt).ToListAsync(ct),
                await db.AgesAndHistoryVerifications.AsNoTracking().Where(v => v.TenantId == tenant && v.CadreId == cadreId).OrderBy(v => v.RecordedAt).ToListAsync(ct)));
        });
    }
}
