using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Steps;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Disposition.Cases;

/// <summary>A case as the department opens it; checked by the validator of <see cref="OpenDispositionCase"/>, as on the bus.</summary>
/// <param name="CadreId">The cadre the case concerns.</param>
/// <param name="Source">Where the case comes from (D1): inspection-team, audit, verified-report, partner-notification, assessment-and-evaluation, age, health or education.</param>
/// <param name="Grounds">Why the case is opened, in words.</param>
/// <param name="SourceReference">The reference of the source (e.g. the audit result or report id); opening the same reference again returns its case.</param>
/// <param name="ProposedMeasure">The measure (D4) proposed, if one is already in view.</param>
public sealed record OpenCaseRequest(Guid CadreId, string Source, string Grounds, string? SourceReference = null, DispositionMeasure? ProposedMeasure = null);

/// <summary>
/// One of the D3 steps after initiation, with the notes of what was done (C1) and, for the decision, the D4 measure. Naming the
/// procedure that waits for the step resumes it with the step's outcome; the command of the step (e.g.
/// <see cref="InvestigateDispositionCase"/>) is checked by the same validator as on the bus.
/// </summary>
/// <param name="Step">The D3 step taken: Investigation, Analysis, Decision, NotificationTalk or FilingAndTracking, in that order.</param>
/// <param name="Notes">What was done at this step (C1).</param>
/// <param name="Measure">The measure (D4) decided; required for the Decision step only.</param>
/// <param name="ProcedureId">The procedure waiting for this step, resumed with its outcome; empty when none waits.</param>
public sealed record TakeStepRequest(string Step, string Notes, DispositionMeasure? Measure = null, Guid? ProcedureId = null);

/// <param name="Id">The case's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="Source">Where the case came from (D1): inspection-team, audit, verified-report, partner-notification, assessment-and-evaluation, age, health or education.</param>
/// <param name="SourceReference">The reference of the source (e.g. the audit result or report id); one case per source reference.</param>
/// <param name="ProposedMeasure">The measure (D4) proposed at initiation.</param>
/// <param name="Step">The D3 step the case has reached (动议启动 … 备案跟踪), e.g. Investigation.</param>
/// <param name="Measure">The measure (D4) decided; empty before the decision.</param>
/// <param name="DecidedOn">The county date the measure was decided; empty before the decision.</param>
/// <param name="Grounds">Why the case was opened, in words.</param>
/// <param name="OpenedAt">When the case was opened (UTC instant).</param>
/// <param name="ReinstatedAt">When the cadre was reinstated (重新提拔使用, D6) (UTC instant); empty if not.</param>
public sealed record CaseResponse(
    Guid Id, string TenantId, Guid CadreId, Guid ProcedureId, string Source, string? SourceReference, string ProposedMeasure, string Step,
    string? Measure, DateOnly? DecidedOn, string Grounds, DateTimeOffset OpenedAt, DateTimeOffset? ReinstatedAt)
{
    public static CaseResponse From(DispositionCase c) => new(c.Id, c.TenantId, c.CadreId, c.ProcedureId, c.Source, c.SourceReference, c.ProposedMeasure,
        c.Step, c.Measure, c.DecidedOn, c.Grounds, c.OpenedAt, c.ReinstatedAt);
}

/// <param name="Id">The step's id.</param>
/// <param name="CaseId">The case the step belongs to.</param>
/// <param name="Step">The D3 step recorded, e.g. Investigation or Decision, or AdmonishmentTalk, Suspension, SuspensionLifted.</param>
/// <param name="Measure">The measure (D4) decided at this step; empty for steps other than the decision.</param>
/// <param name="Notes">What was done at this step (C1).</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record CaseStepResponse(Guid Id, Guid CaseId, string Step, string? Measure, string Notes, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CaseStepResponse From(CaseStepRecord s) => new(s.Id, s.CaseId, s.Step, s.Measure, s.Notes, s.RecordedBy, s.RecordedAt);
}

internal static class CaseEndpoints
{
    public static void MapCases(this RouteGroupBuilder disposition)
    {
        var cases = disposition.MapGroup("/cases");

        cases.MapPost("/", async Task<Results<Created<CaseResponse>, Ok<CaseResponse>>> (OpenCaseRequest request, DispositionCases opener,
                CommandPipeline pipeline, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (@case, opened) = await pipeline.ExecuteAsync(db, new OpenDispositionCase(Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.Source, request.Grounds, request.SourceReference, request.ProposedMeasure), http.User.ActorId(),
                    (command, _, token) => opener.OpenAsync(command, token), ct);
                return opened
                    ? TypedResults.Created($"/api/disposition/cases/{@case.Id}", CaseResponse.From(@case))
                    : TypedResults.Ok(CaseResponse.From(@case));
            })
            .ProducesValidationProblem()
            .WithSummary("Opens a case from a D1 source (a source reference already opened returns its case).");

        cases.MapGet("/{id:guid}", async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> ([Description("The disposition case's id.")] Guid id, DispositionDbContext db, HttpContext http,
                CancellationToken ct) =>
            await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.TenantId == http.User.TenantId(), ct) is { } @case
                ? TypedResults.Ok(CaseResponse.From(@case))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case."))
            .WithSummary("One case of the caller's county.");

        cases.MapGet("/", async ([Description("Only the cases of this cadre.")] Guid? cadreId, [Description("Only the cases from this D1 source, e.g. audit or verified-report.")] string? source, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Cases.AsNoTracking().Where(c => c.TenantId == tenant);
                if (cadreId is { } cadre) query = query.Where(c => c.CadreId == cadre);
                if (source is not null) query = query.Where(c => c.Source == source);
                return TypedResults.Ok((await query.OrderBy(c => c.OpenedAt).Take(500).ToListAsync(ct)).Select(CaseResponse.From).ToList());
            })
            .WithSummary("The county's cases, by cadre or D1 source.");

        cases.MapPost("/{id:guid}/steps", async Task<Ok<CaseResponse>> ([Description("The disposition case's id.")] Guid id, TakeStepRequest request, CaseSteps steps, CommandPipeline pipeline,
                DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (procedure, tenant, actor) = (request.ProcedureId ?? Guid.Empty, http.User.TenantId(), http.User.ActorId());
                Task<DispositionCase> Take<TCommand>(TCommand command) where TCommand : class =>
                    pipeline.ExecuteAsync(db, command, actor, (_, by, token) => steps.TakeAsync(procedure, tenant, id, request.Step, request.Measure,
                        request.Notes, by, token), ct);
                var @case = request.Step switch
                {
                    DispositionSteps.Investigation => await Take(new InvestigateDispositionCase(procedure, tenant, id, request.Notes)),
                    DispositionSteps.Analysis => await Take(new AnalyseDispositionCase(procedure, tenant, id, request.Notes)),
                    DispositionSteps.Decision => await Take(new DecideDispositionCase(procedure, tenant, id, request.Measure, request.Notes)),
                    DispositionSteps.NotificationTalk => await Take(new HoldDispositionNotificationTalk(procedure, tenant, id, request.Notes)),
                    DispositionSteps.FilingAndTracking => await Take(new FileDispositionCase(procedure, tenant, id, request.Notes)),
                    _ => throw new RuleViolationException("step", "D3", $"A step is one of {string.Join(", ", DispositionSteps.InOrder.Skip(1))}."),
                };
                return TypedResults.Ok(CaseResponse.From(@case));
            })
            .ProducesValidationProblem()
            .WithSummary("Takes the case's next D3 step; the decision step takes a D4 measure. Naming the procedure resumes it with the step.");

        cases.MapGet("/{id:guid}/steps", async ([Description("The disposition case's id.")] Guid id, DispositionDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                return TypedResults.Ok((await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == id && s.TenantId == tenant).OrderBy(s => s.RecordedAt)
                    .ToListAsync(ct)).Select(CaseStepResponse.From).ToList());
            })
            .WithSummary("The case's record of steps, in order, each with who recorded it (C1).");
    }
}
