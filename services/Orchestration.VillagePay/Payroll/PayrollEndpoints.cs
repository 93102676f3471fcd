using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Dapr;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Payroll;

/// <summary>A finance office's event that cannot be applied is dropped, not retried.</summary>
internal sealed class PayrollAcknowledgedByFinanceValidator : AbstractValidator<PayrollAcknowledgedByFinance>
{
    public PayrollAcknowledgedByFinanceValidator()
    {
        RuleFor(e => e.TenantId).NotEmpty().MaximumLength(100);
        RuleFor(e => e.Year).InclusiveBetween(2000, 2100);
        RuleFor(e => e.Reference).NotEmpty().MaximumLength(100);
        RuleFor(e => e.AcknowledgedBy).NotEmpty().MaximumLength(200);
    }
}

internal static class PayrollEndpoints
{
    public const string PubSub = "pubsub";
    public const string AcknowledgedTopic = "payroll-acknowledged";

    public static void MapPayroll(this RouteGroupBuilder villagePay)
    {
        var payroll = villagePay.MapGroup("/payroll");

        payroll.MapPost("/{year:int}", async (int year, Payrolls payrolls, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var issued = await payrolls.IssueAsync(new IssuePayroll(Guid.Empty, http.User.TenantId(), year), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/payroll/{year}", issued);
            })
            .WithSummary("Issues the year's payroll: base, performance and institution pay and retirement subsidies (P1–P4).");

        payroll.MapGet("/{year:int}", async (int year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            await Find(db, http.User.TenantId(), year, ct) is { } run ? Results.Ok(run) : NotIssued(year));

        payroll.MapGet("/{year:int}.csv", async (int year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
                await Find(db, http.User.TenantId(), year, ct) is { } run
                    ? Results.File(PayrollCsv.Write(run), "text/csv; charset=utf-8", $"village-payroll-{year}.csv")
                    : NotIssued(year))
            .WithSummary("The issued payroll as CSV for the finance office (UTF-8 with BOM, totals line).");
    }

    /// <summary>The finance office's Dapr topic; each CloudEvent becomes one <see cref="AcknowledgePayroll"/>, once.</summary>
    public static void MapFinancePartner(this IEndpointRouteBuilder app) =>
        app.MapPartnerEvent<PayrollAcknowledgedByFinance, VillagePayDbContext>(PubSub, AcknowledgedTopic,
            e => new AcknowledgePayroll(Guid.Empty, e.TenantId, e.Year, e.Reference, e.AcknowledgedBy), e => $"{e.TenantId}/payroll/{e.Year}");

    static Task<PayrollRun?> Find(VillagePayDbContext db, string tenant, int year, CancellationToken ct) =>
        db.Payrolls.AsNoTracking().Include(p => p.Lines).SingleOrDefaultAsync(p => p.TenantId == tenant && p.Year == year, ct);

    static IResult NotIssued(int year) => Results.Problem(statusCode: 404, title: "Not found", detail: $"No payroll of {year} is issued.");
}
