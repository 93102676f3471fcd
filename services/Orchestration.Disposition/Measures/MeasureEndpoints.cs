using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Steps;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Disposition.Measures;

public sealed record AdmonishmentTalkRequest(DateOnly HeldOn, string HeldBy, string Notes);

public sealed record SuspensionRequest(DateOnly StartedOn, string DecidedBy, string Notes);

public sealed record SuspensionLiftingRequest(DateOnly LiftedOn, string Conclusion);

internal sealed class SuspensionValidator : AbstractValidator<SuspensionRequest>
{
    public SuspensionValidator()
    {
        RuleFor(r => r.StartedOn).NotEmpty();
        RuleFor(r => r.DecidedBy).NotEmpty().MaximumLength(ShortPathRules.MaxWho);
        RuleFor(r => r.Notes).NotEmpty().MaximumLength(ShortPathRules.MaxNotes);
    }
}

internal sealed class SuspensionLiftingValidator : AbstractValidator<SuspensionLiftingRequest>
{
    public SuspensionLiftingValidator()
    {
        RuleFor(r => r.LiftedOn).NotEmpty();
        RuleFor(r => r.Conclusion).NotEmpty().MaximumLength(ShortPathRules.MaxNotes);
    }
}

internal static class MeasureEndpoints
{
    public static void MapMeasures(this RouteGroupBuilder disposition)
    {
        var cases = disposition.MapGroup("/cases/{id:guid}");

        cases.MapPost("/admonishment-talk", async (Guid id, AdmonishmentTalkRequest request, ShortPathMeasures measures, CommandPipeline pipeline,
                DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                // The command's own validator (D4, D6, C1) runs here as on the bus; a refused talk leaves nothing behind.
                var talk = await pipeline.ExecuteAsync(db, new RecordAdmonishmentTalk(Guid.Empty, http.User.TenantId(), id, request.HeldOn,
                    request.HeldBy, request.Notes), http.User.ActorId(), async (command, actor, token) =>
                {
                    var (recorded, verdict) = await measures.RecordTalkAsync(command, actor, token);
                    return verdict.Allowed ? recorded! : throw new RuleViolationException(verdict.Field!, verdict.RuleId!, verdict.Reason);
                }, ct);
                return Results.Ok(talk);
            })
            .ProducesValidationProblem()
            .WithSummary("Records an admonishment case's talk (诫勉谈话), once: who held it and on which day (D2, D4).");

        cases.MapPost("/suspension", async (Guid id, SuspensionRequest request, ShortPathMeasures measures, DispositionDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var (suspension, verdict) = await measures.SuspendAsync(http.User.TenantId(), id, request.StartedOn, request.DecidedBy, request.Notes,
                    http.User.ActorId(), ct);
                return await Saved(verdict, suspension, db, ct);
            })
            .WithValidation<SuspensionRequest>()
            .WithSummary("Suspends a suspension case's cadre for examination (停职检查, D4).");

        cases.MapPost("/suspension/lifting", async (Guid id, SuspensionLiftingRequest request, ShortPathMeasures measures, DispositionDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var (suspension, verdict) = await measures.LiftAsync(http.User.TenantId(), id, request.LiftedOn, request.Conclusion, http.User.ActorId(), ct);
                return await Saved(verdict, suspension, db, ct);
            })
            .WithValidation<SuspensionLiftingRequest>()
            .WithSummary("Lifts the suspension when the examination concludes (D4).");

        disposition.MapGet("/cadres/{cadreId:guid}/bars", async (Guid cadreId, DateOnly? asOf, DispositionDbContext db, CountyClock clock, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var on = asOf ?? clock.Today(tenant);
                var decided = await db.Cases.AsNoTracking().Where(c => c.TenantId == tenant && c.CadreId == cadreId && c.DecidedOn != null)
                    .Select(c => new { c.Id, c.Measure, c.DecidedOn }).ToListAsync(ct);
                return MeasureBarRules.ForCadre(cadreId, on, decided.Select(c => MeasureBarRules.Of(c.Id, c.Measure, c.DecidedOn, on))
                    .OfType<MeasureBar>().OrderBy(b => b.DecidedOn));
            })
            .WithSummary("What the cadre's measures bar on a day (today by default): promotion after a demotion, a higher post after a removal (D6).");
    }

    static async Task<IResult> Saved<T>(StepVerdict verdict, T? record, DispositionDbContext db, CancellationToken ct)
    {
        if (!verdict.Allowed) throw new RuleViolationException(verdict.Field!, verdict.RuleId!, verdict.Reason);
        await db.SaveChangesAsync(ct);
        return Results.Ok(record);
    }
}
