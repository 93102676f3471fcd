using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.IntegrityExams;

public sealed record IntegrityExamRequest(Guid CadreId, decimal Score, DateOnly? TakenOn = null, Guid? ProcedureId = null);

/// <summary>V3 — the exam is scored from 0 to 100.</summary>
internal sealed class RecordIntegrityExamValidator : AbstractValidator<RecordIntegrityExam>
{
    public RecordIntegrityExamValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c).RefusedBy(c => IntegrityExamRules.CheckScore(c.Score));
    }
}

public sealed record IntegrityExamResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, decimal Score, decimal PassMark, bool Passed, DateOnly TakenOn, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static IntegrityExamResponse From(IntegrityExam e) => new(e.Id, e.TenantId, e.ProcedureId, e.CadreId, e.Score, e.PassMark, e.Passed,
        e.TakenOn, e.RecordedBy, e.RecordedAt);
}

internal static class IntegrityExamEndpoints
{
    public static void MapIntegrityExams(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/integrity-exams");

        group.MapCommand("/", (IntegrityExamRequest request, string tenant) => new RecordIntegrityExam(request.ProcedureId ?? Guid.Empty, tenant,
                    request.CadreId, request.Score, request.TakenOn),
                (IntegrityExams exams) => exams.Record, (IntegrityExam exam) => $"/api/vetting/integrity-exams/{exam.Id}", IntegrityExamResponse.From)
            .WithSummary("Records a pre-appointment integrity exam against the pass mark (V3, default 60).");

        group.MapGet("/", async (Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.IntegrityExams.AsNoTracking().Where(e => e.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(e => e.CadreId == cadre);
            return VettingResults.Listed(await query.OrderBy(e => e.RecordedAt).Take(500).ToListAsync(ct), IntegrityExamResponse.From);
        })
            .WithSummary("The county's integrity exams, optionally of one cadre (V3).");
    }
}
