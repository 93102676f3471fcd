using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Reports;

internal static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/reports");

        group.MapPost("/", async (ReceiveReportRequest request, CommandPipeline pipeline, Reports reports, VettingDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var report = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), (r, actor, t) => reports.Receive(tenant, r, actor, t), ct);
                return TypedResults.Created($"/api/vetting/reports/{report.Id}", ReportResponse.From(report));
            })
            .ProducesValidationProblem()
            .WithSummary("Receives a report on a cadre, linked to the publicity window open today (C4).");

        group.MapPost("/{id:guid}/verification", async ([Description("The report's id.")] Guid id, VerifyReportRequest request, CommandPipeline pipeline, Reports reports, VettingDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var report = await pipeline.ExecuteAsync(db, new RecordReportVerification(Guid.Empty, http.User.TenantId(), id, request.Verdict,
                    request.VerifiedBy, request.Note), http.User.ActorId(), reports.Verify, ct);
                return TypedResults.Ok(ReportResponse.From(report));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the verification team's verdict (C4): not affecting → goes on; confirmed → cancelled; criminal → cancelled and referred.");

        group.MapGet("/{id:guid}", async ([Description("The report's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.TenantId == http.User.TenantId(), ct),
            ReportResponse.From, "No such report."))
            .WithSummary("One report received during a publicity and its verification (C4).");

        group.MapGet("/", async ([Description("Only the reports on this cadre.")] Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Reports.AsNoTracking().Where(r => r.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(r => r.CadreId == cadre);
            return VettingResults.Listed(await query.OrderBy(r => r.ReceivedAt).Take(500).ToListAsync(ct), ReportResponse.From);
        })
            .WithSummary("The county's reports, optionally on one cadre (C4).");
    }
}
