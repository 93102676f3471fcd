using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.CadreFiles;

/// <param name="CadreId">The cadre's id; one file per cadre (C3).</param>
/// <param name="Name">The cadre's name.</param>
/// <param name="Sex">The cadre's sex.</param>
/// <param name="BirthDate">The date of birth.</param>
/// <param name="PartyJoinedOn">The date of joining the Party; empty for a non-member.</param>
/// <param name="WorkStartedOn">The date of starting work.</param>
/// <param name="Education">The education.</param>
/// <param name="CareerHistory">The career history, one post per line.</param>
public sealed record OpenCadreFileRequest(
    Guid CadreId, string Name, Sex? Sex, DateOnly BirthDate, DateOnly? PartyJoinedOn, DateOnly WorkStartedOn, string Education, string[] CareerHistory);

/// <param name="Category">What the entry is: AnnualAssessment, Reward, Punishment, Commendation, Criticism, DualResponsibility (一岗双责), Disposition or Other.</param>
/// <param name="Summary">The entry in words.</param>
/// <param name="Year">The year the entry is about, if any.</param>
public sealed record CadreFileEntryRequest(CadreFileCategory Category, string Summary, int? Year = null);

/// <param name="BirthDate">The date of birth in the personnel archive (V2: 三龄二历).</param>
/// <param name="PartyJoinedOn">The date of joining the Party in the archive; empty for a non-member.</param>
/// <param name="WorkStartedOn">The date of starting work in the archive.</param>
/// <param name="Education">The education in the archive.</param>
/// <param name="CareerHistory">The career history in the archive, one post per line.</param>
/// <param name="ProcedureId">The procedure waiting for the verification, resumed with it; empty when none waits.</param>
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

internal sealed class VerifyAgesAndHistoryValidator : AbstractValidator<VerifyAgesAndHistory>
{
    public VerifyAgesAndHistoryValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.BirthDate).SaneDate();
        RuleFor(c => c.PartyJoinedOn).SaneDate();
        RuleFor(c => c.WorkStartedOn).SaneDate();
        RuleFor(c => c.Education).NotNull().WithErrorCode("V2").SaneText(500);
        RuleFor(c => c.CareerHistory).NotNull().WithErrorCode("V2");
        RuleForEach(c => c.CareerHistory).NotNull().SaneText(500);
    }
}

/// <param name="Id">The file's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Name">The cadre's name.</param>
/// <param name="Sex">The cadre's sex, if recorded.</param>
/// <param name="BirthDate">The date of birth (V2).</param>
/// <param name="PartyJoinedOn">The date of joining the Party; empty for a non-member.</param>
/// <param name="WorkStartedOn">The date of starting work.</param>
/// <param name="Education">The education.</param>
/// <param name="CareerHistory">The career history, one post per line.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record CadreFileResponse(
    Guid Id, string TenantId, Guid CadreId, string Name, Sex? Sex, DateOnly BirthDate, DateOnly? PartyJoinedOn, DateOnly WorkStartedOn,
    string Education, IReadOnlyList<string> CareerHistory, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CadreFileResponse From(CadreFile f) => new(f.Id, f.TenantId, f.CadreId, f.Name, f.Sex, f.BirthDate, f.PartyJoinedOn, f.WorkStartedOn,
        f.Education, f.CareerHistory, f.RecordedBy, f.RecordedAt);
}

/// <param name="Id">The entry's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Category">What the entry is: AnnualAssessment, Reward, Punishment, Commendation, Criticism, DualResponsibility (一岗双责), Disposition or Other.</param>
/// <param name="Year">The year the entry is about, if any.</param>
/// <param name="Summary">The entry in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
/// <param name="Source">The service that reported the entry (audit, disposition), or null when the department recorded it.</param>
/// <param name="SourceReference">The fact's id at that service.</param>
/// <param name="On">The county date of a reported fact.</param>
public sealed record CadreFileEntryResponse(
    Guid Id, string TenantId, Guid CadreId, CadreFileCategory Category, int? Year, string Summary, string RecordedBy, DateTimeOffset RecordedAt,
    string? Source, string? SourceReference, DateOnly? On)
{
    public static CadreFileEntryResponse From(CadreFileEntry e) => new(e.Id, e.TenantId, e.CadreId, e.Category, e.Year, e.Summary, e.RecordedBy,
        e.RecordedAt, e.Source, e.SourceReference, e.On);
}

/// <param name="Id">The verification's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Passed">The file matches the archive on every field (V2).</param>
/// <param name="MismatchedFields">The fields where the file and the archive differ.</param>
/// <param name="Reason">Why it did not pass, in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record AgesAndHistoryVerificationResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, bool Passed, IReadOnlyList<string> MismatchedFields, string? Reason, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static AgesAndHistoryVerificationResponse From(AgesAndHistoryVerification v) => new(v.Id, v.TenantId, v.ProcedureId, v.CadreId, v.Passed,
        v.MismatchedFields, v.Reason, v.RecordedBy, v.RecordedAt);
}

/// <summary>The whole file as one reads it: the certified data, appended entries, and what other steps recorded about the cadre.</summary>
/// <param name="File">The certified data of the file (一人一档, C3).</param>
/// <param name="Entries">The entries appended since, oldest first.</param>
/// <param name="IntegrityExams">The cadre's integrity exams (V3).</param>
/// <param name="Disclosures">The cadre's personal-matters disclosures (V4).</param>
/// <param name="Reports">The reports (举报) about the cadre and their verification (C4).</param>
/// <param name="Verifications">The verifications of the three ages and two histories against the archive (V2).</param>
public sealed record CadreFileView(
    CadreFileResponse File,
    IReadOnlyList<CadreFileEntryResponse> Entries,
    IReadOnlyList<IntegrityExams.IntegrityExamResponse> IntegrityExams,
    IReadOnlyList<Disclosures.DisclosureResponse> Disclosures,
    IReadOnlyList<Reports.ReportResponse> Reports,
    IReadOnlyList<AgesAndHistoryVerificationResponse> Verifications);

internal static class CadreFileEndpoints
{
    public static void MapCadreFiles(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/cadre-files");

        group.MapPost("/", async (OpenCadreFileRequest request, CommandPipeline pipeline, CadreFiles files, VettingDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var file = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), (r, actor, t) => files.Open(tenant, r, actor, t), ct);
                return TypedResults.Created($"/api/vetting/cadre-files/{file.CadreId}", CadreFileResponse.From(file));
            })
            .ProducesValidationProblem()
            .WithSummary("Opens a cadre's file with the three ages and one history (C3) and announces it (CadreFileOpened).");

        group.MapPost("/{cadreId:guid}/entries", async ([Description("The cadre whose file it is (一人一档, C3).")] Guid cadreId, CadreFileEntryRequest request, CommandPipeline pipeline, CadreFiles files,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var entry = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), (r, actor, t) => files.Append(tenant, cadreId, r, actor, t), ct);
                return TypedResults.Created($"/api/vetting/cadre-files/{cadreId}", CadreFileEntryResponse.From(entry));
            })
            .ProducesValidationProblem()
            .WithSummary("Appends an assessment, reward, punishment, commendation, criticism or disposition to the file (C3).");

        group.MapPost("/{cadreId:guid}/verifications", async ([Description("The cadre whose file it is (一人一档, C3).")] Guid cadreId, AgesAndHistoryRequest request, CommandPipeline pipeline, CadreFiles files,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var verification = await pipeline.ExecuteAsync(db, new VerifyAgesAndHistory(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), cadreId,
                    request.BirthDate, request.PartyJoinedOn, request.WorkStartedOn, request.Education, request.CareerHistory), http.User.ActorId(),
                    files.Verify, ct);
                return TypedResults.Created($"/api/vetting/cadre-files/{cadreId}", AgesAndHistoryVerificationResponse.From(verification));
            })
            .ProducesValidationProblem()
            .WithSummary("Checks submitted ages and history against the file and names every differing field (V2).");

        group.MapGet("/{cadreId:guid}", async ([Description("The cadre whose file it is (一人一档, C3).")] Guid cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var file = await db.CadreFiles.AsNoTracking().SingleOrDefaultAsync(f => f.TenantId == tenant && f.CadreId == cadreId, ct);
            return VettingResults.Found(file is null ? null : new CadreFileView(CadreFileResponse.From(file),
                [.. (await db.CadreFileEntries.AsNoTracking().Where(e => e.TenantId == tenant && e.CadreId == cadreId).OrderBy(e => e.RecordedAt).ToListAsync(ct))
                    .Select(CadreFileEntryResponse.From)],
                [.. (await db.IntegrityExams.AsNoTracking().Where(e => e.TenantId == tenant && e.CadreId == cadreId).OrderBy(e => e.RecordedAt).ToListAsync(ct))
                    .Select(IntegrityExams.IntegrityExamResponse.From)],
                [.. (await db.Disclosures.AsNoTracking().Where(d => d.TenantId == tenant && d.CadreId == cadreId).OrderBy(d => d.RecordedAt).ToListAsync(ct))
                    .Select(Disclosures.DisclosureResponse.From)],
                [.. (await db.Reports.AsNoTracking().Where(r => r.TenantId == tenant && r.CadreId == cadreId).OrderBy(r => r.ReceivedAt).ToListAsync(ct))
                    .Select(Reports.ReportResponse.From)],
                [.. (await db.AgesAndHistoryVerifications.AsNoTracking().Where(v => v.TenantId == tenant && v.CadreId == cadreId).OrderBy(v => v.RecordedAt)
                    .ToListAsync(ct)).Select(AgesAndHistoryVerificationResponse.From)]), view => view, "No file for this cadre.");
        })
            .WithSummary("The cadre's whole file: certified ages and history (V2), appended entries (C3), exams, reports and disclosures.");
    }
}
