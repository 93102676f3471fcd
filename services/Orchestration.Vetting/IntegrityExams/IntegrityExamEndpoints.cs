using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.IntegrityExams;

public sealed record IntegrityExamRequest(Guid CadreId, decimal Score, DateOnly? TakenOn = null, Guid? ProcedureId = null);

internal sealed class IntegrityExamValidator : AbstractValidator<IntegrityExamRequest>
{
    public IntegrityExamValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Score).InclusiveBetween(0, 100).WithErrorCode("V3");
    }
}

internal static class IntegrityExamEndpoints
{
    public static void MapIntegrityExams(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/integrity-exams");

        group.MapPost("/", async (IntegrityExamRequest request, IntegrityExams exams, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var exam = exams.Record(new RecordIntegrityExam(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.Score, request.TakenOn), http.User.ActorId());
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/integrity-exams/{exam.Id}", exam);
            })
            .WithValidation<IntegrityExamRequest>()
            .WithSummary("Records a pre-appointment integrity exam against the pass mark (V3, default 60).");

        group.MapGet("/", async (Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.IntegrityExams.AsNoTracking().Where(e => e.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(e => e.CadreId == cadre);
            return await query.OrderBy(e => e.RecordedAt).Take(500).ToListAsync(ct);
        });
    }
}
