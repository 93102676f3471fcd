using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.IntegrityExams;

/// <param name="CadreId">The cadre who sat the pre-appointment integrity exam (任前廉政法规考试, V3).</param>
/// <param name="Score">The score.</param>
/// <param name="TakenOn">The county date of the exam; today in the county when left out.</param>
/// <param name="ProcedureId">The procedure waiting for the result; empty when none waits.</param>
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

/// <param name="Id">The exam's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Score">The score.</param>
/// <param name="PassMark">The pass mark (configurable).</param>
/// <param name="Passed">The score reaches the pass mark; only those who pass may be appointed (V3).</param>
/// <param name="TakenOn">The county date of the exam.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
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

        group.MapGet("/", async ([Description("Only the exams of this cadre.")] Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.IntegrityExams.AsNoTracking().Where(e => e.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(e => e.CadreId == cadre);
            return VettingResults.Listed(await query.OrderBy(e => e.RecordedAt).Take(500).ToListAsync(ct), IntegrityExamResponse.From);
        })
            .WithSummary("The county's integrity exams, optionally of one cadre (V3).");
    }
}
