using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Steps;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Disposition.Measures;

/// <param name="HeldOn">The county date the admonishment talk (诫勉谈话) was held.</param>
/// <param name="HeldBy">Who held the talk (e.g. the supervising leader).</param>
/// <param name="Notes">What was said and agreed, for the record (C1).</param>
/// <param name="ProcedureId">The procedure waiting for the talk, resumed when it is recorded; empty when none waits.</param>
public sealed record AdmonishmentTalkRequest(DateOnly HeldOn, string HeldBy, string Notes, Guid? ProcedureId = null);

/// <param name="StartedOn">The county date the suspension for inspection (停职检查) starts.</param>
/// <param name="DecidedBy">Who decided the suspension.</param>
/// <param name="Notes">Why, and what the cadre is to examine (C1).</param>
public sealed record SuspensionRequest(DateOnly StartedOn, string DecidedBy, string Notes);

/// <param name="LiftedOn">The county date the suspension for inspection ends.</param>
/// <param name="Conclusion">What the inspection concluded.</param>
public sealed record SuspensionLiftingRequest(DateOnly LiftedOn, string Conclusion);

/// <summary>D4: the cadre of a suspension case is suspended for examination (停职检查) from a day, by whose decision.</summary>
public sealed record SuspendCadre(string TenantId, Guid CaseId, DateOnly StartedOn, string DecidedBy, string Notes);

/// <summary>D4: the examination concluded and the suspension is lifted.</summary>
public sealed record LiftSuspension(string TenantId, Guid CaseId, DateOnly LiftedOn, string Conclusion);

/// <param name="Id">The talk's id.</param>
/// <param name="CaseId">The disposition case (组织处理) the talk belongs to.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="HeldOn">The county date the admonishment talk (诫勉谈话) was held.</param>
/// <param name="HeldBy">Who held the talk.</param>
/// <param name="Notes">What was said and agreed (C1).</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record AdmonishmentTalkResponse(Guid Id, Guid CaseId, Guid CadreId, DateOnly HeldOn, string HeldBy, string Notes, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static AdmonishmentTalkResponse From(AdmonishmentTalk t) => new(t.Id, t.CaseId, t.CadreId, t.HeldOn, t.HeldBy, t.Notes, t.RecordedBy, t.RecordedAt);
}

/// <param name="Id">The suspension's id.</param>
/// <param name="CaseId">The disposition case the suspension belongs to.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="StartedOn">The county date the suspension for inspection (停职检查) started.</param>
/// <param name="DecidedBy">Who decided the suspension.</param>
/// <param name="Notes">Why, and what the cadre is to examine (C1).</param>
/// <param name="LiftedOn">The county date the suspension was lifted; empty while it lasts.</param>
/// <param name="Conclusion">What the inspection concluded; empty while the suspension lasts.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record SuspensionResponse(Guid Id, Guid CaseId, Guid CadreId, DateOnly StartedOn, string DecidedBy, string Notes, DateOnly? LiftedOn,
    string? Conclusion, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static SuspensionResponse From(Suspension s) => new(s.Id, s.CaseId, s.CadreId, s.StartedOn, s.DecidedBy, s.Notes, s.LiftedOn, s.Conclusion,
        s.RecordedBy, s.RecordedAt);
}

internal sealed class SuspendCadreValidator : AbstractValidator<SuspendCadre>
{
    public SuspendCadreValidator()
    {
        RuleFor(r => r.StartedOn).NotEmpty().WithErrorCode("D6");
        RuleFor(r => r.DecidedBy).NotEmpty().WithErrorCode("C1").MaximumLength(ShortPathRules.MaxWho).WithErrorCode("C1");
        RuleFor(r => r.Notes).NotEmpty().WithErrorCode("C1").MaximumLength(ShortPathRules.MaxNotes).WithErrorCode("C1");
    }
}

internal sealed class LiftSuspensionValidator : AbstractValidator<LiftSuspension>
{
    public LiftSuspensionValidator()
    {
        RuleFor(r => r.LiftedOn).NotEmpty().WithErrorCode("D6");
        RuleFor(r => r.Conclusion).NotEmpty().WithErrorCode("C1").MaximumLength(ShortPathRules.MaxNotes).WithErrorCode("C1");
    }
}

internal static class MeasureEndpoints
{
    public static void MapMeasures(this RouteGroupBuilder disposition)
    {
        var cases = disposition.MapGroup("/cases/{id:guid}");

        cases.MapPost("/admonishment-talk", async Task<Ok<AdmonishmentTalkResponse>> ([Description("The disposition case's id.")] Guid id, AdmonishmentTalkRequest request, ShortPathMeasures measures,
                CommandPipeline pipeline, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                // The command's own validator (D4, D6, C1) runs here as on the bus; a refused talk leaves nothing behind.
                var talk = await pipeline.ExecuteAsync(db, new RecordAdmonishmentTalk(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), id,
                    request.HeldOn, request.HeldBy, request.Notes), http.User.ActorId(), measures.RecordTalkAsync, ct);
                return TypedResults.Ok(AdmonishmentTalkResponse.From(talk));
            })
            .ProducesValidationProblem()
            .WithSummary("Records an admonishment case's talk (诫勉谈话), once: who held it and on which day (D2, D4).");

        cases.MapPost("/suspension", async Task<Ok<SuspensionResponse>> ([Description("The disposition case's id.")] Guid id, SuspensionRequest request, ShortPathMeasures measures,
                CommandPipeline pipeline, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(SuspensionResponse.From(await pipeline.ExecuteAsync(db, new SuspendCadre(http.User.TenantId(), id, request.StartedOn,
                    request.DecidedBy, request.Notes), http.User.ActorId(), measures.SuspendAsync, ct))))
            .ProducesValidationProblem()
            .WithSummary("Suspends a suspension case's cadre for examination (停职检查, D4).");

        cases.MapPost("/suspension/lifting", async Task<Ok<SuspensionResponse>> ([Description("The disposition case's id.")] Guid id, SuspensionLiftingRequest request, ShortPathMeasures measures,
                CommandPipeline pipeline, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(SuspensionResponse.From(await pipeline.ExecuteAsync(db, new LiftSuspension(http.User.TenantId(), id, request.LiftedOn,
                    request.Conclusion), http.User.ActorId(), measures.LiftAsync, ct))))
            .ProducesValidationProblem()
            .WithSummary("Lifts the suspension when the examination concludes (D4).");

        disposition.MapGet("/cadres/{cadreId:guid}/bars", async ([Description("The cadre whose bars are checked.")] Guid cadreId, [Description("The county date to check the bars on; today in the county when left out.")] DateOnly? asOf, DispositionDbContext db, CountyClock clock, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var on = asOf ?? clock.Today(tenant);
                var decided = await db.Cases.AsNoTracking().Where(c => c.TenantId == tenant && c.CadreId == cadreId && c.DecidedOn != null)
                    .Select(c => new { c.Id, c.Measure, c.DecidedOn }).ToListAsync(ct);
                return TypedResults.Ok(MeasureBarRules.ForCadre(cadreId, on, decided.Select(c => MeasureBarRules.Of(c.Id, c.Measure, c.DecidedOn, on))
                    .OfType<MeasureBar>().OrderBy(b => b.DecidedOn)));
            })
            .WithSummary("What the cadre's measures bar on a day (today by default): promotion after a demotion, a higher post after a removal (D6).");
    }
}
