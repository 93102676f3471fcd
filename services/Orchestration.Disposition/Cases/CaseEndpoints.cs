using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Steps;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Disposition.Cases;

public sealed record OpenCaseRequest(Guid CadreId, string Source, string Grounds, string? SourceReference = null, DispositionMeasure? ProposedMeasure = null);

public sealed record TakeStepRequest(string Step, string Notes, DispositionMeasure? Measure = null, Guid? ProcedureId = null);

internal sealed class OpenCaseValidator : AbstractValidator<OpenCaseRequest>
{
    public OpenCaseValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Source).Must(s => CaseSources.All.Contains(s)).WithErrorCode("D1")
            .WithMessage($"A case comes from one of: {string.Join(", ", CaseSources.All)}.");
        RuleFor(r => r.Grounds).NotEmpty().MaximumLength(1000);
        RuleFor(r => r.SourceReference).MaximumLength(200);
    }
}

internal sealed class TakeStepValidator : AbstractValidator<TakeStepRequest>
{
    public TakeStepValidator()
    {
        RuleFor(r => r.Step).Must(s => DispositionSteps.InOrder.Skip(1).Contains(s)).WithErrorCode("D3")
            .WithMessage($"A step is one of {string.Join(", ", DispositionSteps.InOrder.Skip(1))}.");
        RuleFor(r => r.Notes).NotEmpty().MaximumLength(2000);
    }
}

internal static class CaseEndpoints
{
    public static void MapCases(this RouteGroupBuilder disposition)
    {
        var cases = disposition.MapGroup("/cases");

        cases.MapPost("/", async (OpenCaseRequest request, DispositionCases opener, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (@case, opened) = await opener.OpenAsync(new OpenDispositionCase(Guid.Empty, http.User.TenantId(), request.CadreId, request.Source,
                    request.Grounds, request.SourceReference, request.ProposedMeasure), ct);
                await db.SaveChangesAsync(ct);
                return opened ? Results.Created($"/api/disposition/cases/{@case.Id}", @case) : Results.Ok(@case);
            })
            .WithValidation<OpenCaseRequest>()
            .WithSummary("Opens a case from a D1 source (a source reference already opened returns its case).");

        cases.MapGet("/{id:guid}", async (Guid id, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.TenantId == http.User.TenantId(), ct)
                is { } @case ? Results.Ok(@case) : Results.Problem(statusCode: 404, title: "No such case."));

        cases.MapGet("/", async (Guid? cadreId, string? source, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Cases.AsNoTracking().Where(c => c.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(c => c.CadreId == cadre);
            if (source is not null) query = query.Where(c => c.Source == source);
            return await query.OrderBy(c => c.OpenedAt).Take(500).ToListAsync(ct);
        });

        cases.MapPost("/{id:guid}/steps", async (Guid id, TakeStepRequest request, CaseSteps steps, DispositionDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var (@case, verdict) = await steps.TakeAsync(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), id, request.Step, request.Measure,
                    request.Notes, http.User.ActorId(), ct);
                if (!verdict.Allowed) throw new RuleViolationException(verdict.Field!, verdict.RuleId!, verdict.Reason);
                await db.SaveChangesAsync(ct);
                return Results.Ok(@case);
            })
            .WithValidation<TakeStepRequest>()
            .WithSummary("Takes the case's next D3 step; the decision step takes a D4 measure.");

        cases.MapGet("/{id:guid}/steps", async (Guid id, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == id && s.TenantId == tenant).OrderBy(s => s.RecordedAt).ToListAsync(ct);
        });
    }
}
