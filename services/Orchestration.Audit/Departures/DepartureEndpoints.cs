using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Audit.Departures;

public sealed record RequestDepartureAuditRequest(Guid CadreId, Guid UnitId, Guid? ProcedureId = null);

public sealed record HandoverRequest(DateOnly HandedOverOn, IReadOnlyList<string> Items);

public sealed record LeaderActRequest(Guid CadreId, Guid UnitId, LeaderPower Power, string Description, DateOnly? ActedOn = null);

/// <summary>A departure audit as the API shows it: the stored facts and, on the county's today, whether the handover is overdue (A4).</summary>
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

internal sealed class HandoverValidator : AbstractValidator<HandoverRequest>
{
    public HandoverValidator()
    {
        RuleFor(r => r.HandedOverOn).NotEmpty();
        RuleFor(r => r.Items).NotEmpty().WithErrorCode("A4").WithMessage("A handover names what was handed over (明确交接事项).");
        RuleForEach(r => r.Items).NotEmpty().MaximumLength(500);
        RuleFor(r => r.Items.Count).LessThanOrEqualTo(100).OverridePropertyName("items");
    }
}

internal sealed class LeaderActValidator : AbstractValidator<LeaderActRequest>
{
    public LeaderActValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.UnitId).NotEmpty();
        RuleFor(r => r.Power).IsInEnum();
        RuleFor(r => r.Description).NotEmpty().MaximumLength(1000);
    }
}

internal sealed class RequestDepartureAuditValidator : AbstractValidator<RequestDepartureAuditRequest>
{
    public RequestDepartureAuditValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.UnitId).NotEmpty();
    }
}

internal static class DepartureEndpoints
{
    public static void MapDepartures(this RouteGroupBuilder audit)
    {
        var departures = audit.MapGroup("/departures");

        departures.MapPost("/", async (RequestDepartureAuditRequest request, DepartureAudits audits, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var departure = await audits.RequestAsync(new RequestDepartureAudit(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.UnitId), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/audit/departures/{departure.Id}", departure);
            })
            .WithValidation<RequestDepartureAuditRequest>()
            .WithSummary("Opens a leader's departure audit (A4): powers frozen, handover deadline set.");

        departures.MapPost("/{id:guid}/clearance", async (Guid id, DepartureAudits audits, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var cadreId = await db.DepartureAudits.Where(d => d.Id == id && d.TenantId == tenant).Select(d => (Guid?)d.CadreId).SingleOrDefaultAsync(ct)
                              ?? throw new NotFoundException("No such departure audit.");
                var (departure, verdict) = await audits.ClearAsync(new ClearLeaderDeparture(Guid.Empty, tenant, cadreId, id), ct);
                if (!verdict.Cleared) throw new RuleViolationException("departureAuditId", verdict.RuleId!, verdict.Reason);
                await db.SaveChangesAsync(ct);
                return Results.Ok(departure);
            })
            .WithSummary("Clears the leader to leave; refused by A4 until the departure audit is recorded.");

        departures.MapGet("/{id:guid}", async (Guid id, AuditDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            await db.DepartureAudits.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == http.User.TenantId(), ct)
                is { } departure
                ? Results.Ok(DepartureView.Of(departure, clock.Today(departure.TenantId)))
                : Results.Problem(statusCode: 404, title: "No such departure audit."));

        departures.MapGet("/overdue-handovers", async (AuditDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var today = clock.Today(tenant);
                var late = await db.DepartureAudits.AsNoTracking().Where(d => d.TenantId == tenant && d.HandedOverOn == null
                    && d.Status != DepartureAuditStatus.Cleared && d.HandoverDeadline < today).OrderBy(d => d.HandoverDeadline).Take(500).ToListAsync(ct);
                return late.Select(d => DepartureView.Of(d, today));
            })
            .WithSummary("Departing leaders whose handover is past its deadline (A4).");

        departures.MapPost("/{id:guid}/handover", async (Guid id, HandoverRequest request, DepartureAudits audits, AuditDbContext db, CountyClock clock,
                HttpContext http, CancellationToken ct) =>
            {
                var departure = await audits.HandOverAsync(http.User.TenantId(), id, request.HandedOverOn, request.Items, ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(DepartureView.Of(departure, clock.Today(departure.TenantId)));
            })
            .WithValidation<HandoverRequest>()
            .WithSummary("Records the departing leader's handover: the day and what was handed over (A4).");

        audit.MapPost("/leader-acts", async (LeaderActRequest request, DepartureAudits audits, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var act = await audits.RecordActAsync(http.User.TenantId(), request.CadreId, request.UnitId, request.Power, request.Description,
                    request.ActedOn, http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/audit/leader-acts?cadreId={act.CadreId}", act);
            })
            .WithValidation<LeaderActRequest>()
            .WithSummary("Records a leader's act over personnel, matters or money; refused (A4) while a move freezes the leader's powers.");

        audit.MapGet("/leader-acts", async (Guid cadreId, AuditDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await db.LeaderActs.AsNoTracking().Where(a => a.TenantId == tenant && a.CadreId == cadreId).OrderBy(a => a.RecordedAt).Take(500)
                .ToListAsync(ct);
        });
    }
}
