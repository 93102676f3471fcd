using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Audit.Departures;

public sealed record RequestDepartureAuditRequest(Guid CadreId, Guid UnitId, Guid? ProcedureId = null);

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

        departures.MapGet("/{id:guid}", async (Guid id, AuditDbContext db, HttpContext http, CancellationToken ct) =>
            await db.DepartureAudits.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == http.User.TenantId(), ct)
                is { } departure ? Results.Ok(departure) : Results.Problem(statusCode: 404, title: "No such departure audit."));
    }
}
