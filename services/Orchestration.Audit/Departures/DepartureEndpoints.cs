using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Audit.Departures;

/// <param name="CadreId">The departing leader.</param>
/// <param name="UnitId">The unit the leader is leaving.</param>
/// <param name="ProcedureId">The procedure waiting for the audit (先审后离, A4), resumed when the leader is cleared; empty when none waits.</param>
public sealed record RequestDepartureAuditRequest(Guid CadreId, Guid UnitId, Guid? ProcedureId = null);

/// <param name="HandedOverOn">The county date of the handover (A4).</param>
/// <param name="Items">What was handed over.</param>
public sealed record HandoverRequest(DateOnly HandedOverOn, IReadOnlyList<string> Items);

/// <param name="CadreId">The leader who acted.</param>
/// <param name="UnitId">The leader's unit.</param>
/// <param name="Power">The power used: Personnel (人权), Matters (事权) or Money (财权); refused while the leader's powers are frozen (A4).</param>
/// <param name="Description">What the leader did.</param>
/// <param name="ActedOn">The county date of the act; today in the county when left out.</param>
public sealed record LeaderActRequest(Guid CadreId, Guid UnitId, LeaderPower Power, string Description, DateOnly? ActedOn = null);

/// <summary>A departure audit as the API shows it: the stored facts and, on the county's today, whether the handover is overdue (A4).</summary>
/// <param name="Id">The departure audit's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The departing leader.</param>
/// <param name="UnitId">The unit the leader is leaving.</param>
/// <param name="Status">Where the departure audit stands (A4): Pending (powers frozen), Completed, or Cleared to leave.</param>
/// <param name="PowersFrozen">The leader's powers over personnel, matters and money (人权、事权、财权) are frozen (A4).</param>
/// <param name="HandoverDeadline">The last county date for the handover (A4).</param>
/// <param name="HandedOverOn">The county date the handover was made; empty until then.</param>
/// <param name="HandoverItems">What was handed over.</param>
/// <param name="HandoverOverdue">Today in the county is past the handover deadline and nothing was handed over (A4).</param>
/// <param name="AuditId">The audit result recorded for the departure; empty until then.</param>
/// <param name="Passed">The departure audit passed; empty until it is recorded.</param>
/// <param name="RequestedAt">When the departure audit was requested (UTC instant).</param>
/// <param name="CompletedAt">When the audit result was recorded (UTC instant); empty until then.</param>
/// <param name="ClearedAt">When the leader was cleared to leave (UTC instant); empty until then.</param>
public sealed record DepartureView(
    Guid Id,
    Guid ProcedureId,
    Guid CadreId,
    Guid UnitId,
    DepartureAuditStatus Status,
    bool PowersFrozen,
    DateOnly HandoverDeadline,
    DateOnly? HandedOverOn,
    IReadOnlyList<string> HandoverItems,
    bool HandoverOverdue,
    Guid? AuditId,
    bool? Passed,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ClearedAt)
{
    public static DepartureView Of(DepartureAudit d, DateOnly today) => new(d.Id, d.ProcedureId, d.CadreId, d.UnitId, d.Status, d.PowersFrozen,
        d.HandoverDeadline, d.HandedOverOn, d.HandoverItems, DepartureRules.HandoverOverdue(d.HandoverDeadline, d.HandedOverOn, d.Status, today),
        d.AuditId, d.Passed, d.RequestedAt, d.CompletedAt, d.ClearedAt);
}

/// <summary>A4: the departing leader's handover: the day and what was handed over.</summary>
public sealed record RecordHandover(string TenantId, Guid DepartureAuditId, DateOnly HandedOverOn, IReadOnlyList<string> Items);

/// <summary>A4: an act of a leader over personnel, matters or money, refused while a move freezes the leader's powers.</summary>
public sealed record RecordLeaderAct(string TenantId, Guid CadreId, Guid UnitId, LeaderPower Power, string Description, DateOnly? ActedOn);

/// <param name="Id">The act's id.</param>
/// <param name="CadreId">The leader who acted.</param>
/// <param name="UnitId">The leader's unit.</param>
/// <param name="Power">The power used: Personnel (人权), Matters (事权) or Money (财权).</param>
/// <param name="Description">What the leader did.</param>
/// <param name="ActedOn">The county date of the act.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record LeaderActResponse(Guid Id, Guid CadreId, Guid UnitId, LeaderPower Power, string Description, DateOnly ActedOn, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static LeaderActResponse From(LeaderAct a) => new(a.Id, a.CadreId, a.UnitId, a.Power, a.Description, a.ActedOn, a.RecordedBy, a.RecordedAt);
}

public sealed class RecordHandoverValidator : AbstractValidator<RecordHandover>
{
    public RecordHandoverValidator()
    {
        RuleFor(r => r.HandedOverOn).NotEmpty().WithErrorCode("A4");
        RuleFor(r => r.Items).NotEmpty().WithErrorCode("A4").WithMessage("A handover names what was handed over (明确交接事项).");
        RuleForEach(r => r.Items).NotEmpty().WithErrorCode("A4").MaximumLength(500).WithErrorCode("A4");
        RuleFor(r => r.Items.Count).LessThanOrEqualTo(100).OverridePropertyName("items").WithErrorCode("A4");
    }
}

public sealed class RecordLeaderActValidator : AbstractValidator<RecordLeaderAct>
{
    public RecordLeaderActValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty().WithErrorCode("A4");
        RuleFor(r => r.UnitId).NotEmpty().WithErrorCode("A4");
        RuleFor(r => r.Power).IsInEnum().WithErrorCode("A4");
        RuleFor(r => r.Description).NotEmpty().WithErrorCode("A4").MaximumLength(1000).WithErrorCode("A4");
    }
}

/// <summary>A4: a departure audit names the leader and the unit they leave; over HTTP and the bus alike.</summary>
public sealed class RequestDepartureAuditValidator : AbstractValidator<RequestDepartureAudit>
{
    public RequestDepartureAuditValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty().WithErrorCode("A4");
        RuleFor(r => r.UnitId).NotEmpty().WithErrorCode("A4");
    }
}

internal static class DepartureEndpoints
{
    public static void MapDepartures(this RouteGroupBuilder audit)
    {
        var departures = audit.MapGroup("/departures");

        departures.MapPost("/", async Task<Created<DepartureView>> (RequestDepartureAuditRequest request, DepartureAudits audits, CommandPipeline pipeline,
                AuditDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var departure = await pipeline.ExecuteAsync(db, new RequestDepartureAudit(request.ProcedureId ?? Guid.Empty, http.User.TenantId(),
                    request.CadreId, request.UnitId), http.User.ActorId(), (command, _, token) => audits.RequestAsync(command, token), ct);
                return TypedResults.Created($"/api/audit/departures/{departure.Id}", DepartureView.Of(departure, clock.Today(departure.TenantId)));
            })
            .ProducesValidationProblem()
            .WithSummary("Opens a leader's departure audit (A4): powers frozen, handover deadline set.");

        departures.MapPost("/{id:guid}/clearance", async Task<Ok<DepartureView>> ([Description("The departure audit's id.")] Guid id, DepartureAudits audits, CommandPipeline pipeline, AuditDbContext db,
                CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var cadreId = await db.DepartureAudits.Where(d => d.Id == id && d.TenantId == tenant).Select(d => (Guid?)d.CadreId).SingleOrDefaultAsync(ct)
                              ?? throw new NotFoundException("No such departure audit.");
                var departure = await pipeline.ExecuteAsync(db, new ClearLeaderDeparture(Guid.Empty, tenant, cadreId, id), http.User.ActorId(),
                    async (command, _, token) =>
                    {
                        var (cleared, verdict) = await audits.ClearAsync(command, token);
                        return verdict.Cleared ? cleared : throw new RuleViolationException("departureAuditId", verdict.RuleId!, verdict.Reason);
                    }, ct);
                return TypedResults.Ok(DepartureView.Of(departure, clock.Today(tenant)));
            })
            .ProducesValidationProblem()
            .WithSummary("Clears the leader to leave; refused by A4 until the departure audit is recorded.");

        departures.MapGet("/{id:guid}", async Task<Results<Ok<DepartureView>, ProblemHttpResult>> ([Description("The departure audit's id.")] Guid id, AuditDbContext db, CountyClock clock,
                HttpContext http, CancellationToken ct) =>
            await db.DepartureAudits.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == http.User.TenantId(), ct)
                is { } departure
                ? TypedResults.Ok(DepartureView.Of(departure, clock.Today(departure.TenantId)))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such departure audit."))
            .WithSummary("One departure audit, with whether its handover is overdue today (A4).");

        departures.MapGet("/overdue-handovers", async (AuditDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var late = await db.DepartureAudits.AsNoTracking().Where(d => d.TenantId == tenant && d.HandedOverOn == null
                    && d.Status != DepartureAuditStatus.Cleared && d.HandoverDeadline < today).OrderBy(d => d.HandoverDeadline).Take(500).ToListAsync(ct);
                return TypedResults.Ok(late.Select(d => DepartureView.Of(d, today)).ToList());
            })
            .WithSummary("Departing leaders whose handover is past its deadline (A4).");

        departures.MapPost("/{id:guid}/handover", async Task<Ok<DepartureView>> ([Description("The departure audit's id.")] Guid id, HandoverRequest request, DepartureAudits audits,
                CommandPipeline pipeline, AuditDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var departure = await pipeline.ExecuteAsync(db, new RecordHandover(http.User.TenantId(), id, request.HandedOverOn, request.Items),
                    http.User.ActorId(), (command, _, token) => audits.HandOverAsync(command, token), ct);
                return TypedResults.Ok(DepartureView.Of(departure, clock.Today(departure.TenantId)));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the departing leader's handover: the day and what was handed over (A4).");

        audit.MapPost("/leader-acts", async Task<Created<LeaderActResponse>> (LeaderActRequest request, DepartureAudits audits, CommandPipeline pipeline,
                AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var act = await pipeline.ExecuteAsync(db, new RecordLeaderAct(http.User.TenantId(), request.CadreId, request.UnitId, request.Power,
                    request.Description, request.ActedOn), http.User.ActorId(), audits.RecordActAsync, ct);
                return TypedResults.Created($"/api/audit/leader-acts?cadreId={act.CadreId}", LeaderActResponse.From(act));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a leader's act over personnel, matters or money; refused (A4) while a move freezes the leader's powers.");

        audit.MapGet("/leader-acts", async ([Description("The leader whose acts are listed.")] Guid cadreId, AuditDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return TypedResults.Ok((await db.LeaderActs.AsNoTracking().Where(a => a.TenantId == tenant && a.CadreId == cadreId).OrderBy(a => a.RecordedAt)
                .Take(500).ToListAsync(ct)).Select(LeaderActResponse.From).ToList());
        })
        .WithSummary("A leader's recorded acts (A4).");
    }
}
