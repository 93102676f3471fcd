using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Reports;

internal static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/reports");

        group.MapPost("/", async (ReceiveReportRequest request, Reports reports, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var report = await reports.Receive(http.User.TenantId(), request, http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/reports/{report.Id}", report);
            })
            .WithValidation<ReceiveReportRequest>()
            .WithSummary("Receives a report on a cadre, linked to the publicity window open today (C4).");

        group.MapPost("/{id:guid}/verification", async (Guid id, VerifyReportRequest request, Reports reports, VettingDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var report = await reports.Verify(new RecordReportVerification(Guid.Empty, http.User.TenantId(), id, request.Verdict, request.VerifiedBy,
                    request.Note), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(report);
            })
            .WithValidation<VerifyReportRequest>()
            .WithSummary("Records the verification team's verdict (C4): not affecting → goes on; confirmed → cancelled; criminal → cancelled and referred.");

        group.MapGet("/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.TenantId == http.User.TenantId(), ct)
                is { } report ? Results.Ok(report) : Results.Problem(statusCode: 404, title: "No such report."));

        group.MapGet("/", async (Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Reports.AsNoTracking().Where(r => r.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(r => r.CadreId == cadre);
            return await query.OrderBy(r => r.ReceivedAt).Take(500).ToListAsync(ct);
        });
    }
}
