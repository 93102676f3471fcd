using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Dapr;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Evaluations;

namespace Orchestration.VillagePay.Payroll;

/// <param name="Id">The line's id.</param>
/// <param name="Number">The line's number in the payroll.</param>
/// <param name="Kind">Who is paid: a serving principal (两委正职) or a former principal (subsidies).</param>
/// <param name="Name">The payee's name.</param>
/// <param name="Village">The payee's village.</param>
/// <param name="Township">The village's township.</param>
/// <param name="BasePay">Yearly base pay in CNY (P1).</param>
/// <param name="PerformancePay">Yearly performance pay in CNY (P2).</param>
/// <param name="InstitutionPay">Yearly public-institution pay in CNY (P3).</param>
/// <param name="RetirementSubsidy">Yearly retirement living subsidy in CNY (P4).</param>
/// <param name="Total">The line's total in CNY.</param>
/// <param name="StartUpSubsidy">One-off start-up subsidy in CNY granted this year (P4).</param>
public sealed record PayrollLineResponse(
    Guid Id, int Number, PayeeKind Kind, string Name, string Village, string Township, decimal BasePay, decimal PerformancePay,
    decimal InstitutionPay, decimal RetirementSubsidy, decimal Total, decimal StartUpSubsidy = 0)
{
    public static PayrollLineResponse From(PayrollLine l) =>
        new(l.Id, l.Number, l.Kind, l.Name, l.Village, l.Township, l.BasePay, l.PerformancePay, l.InstitutionPay, l.RetirementSubsidy, l.Total, l.StartUpSubsidy);
}

/// <summary>A year's payroll with its lines and the finance office's acknowledgement, once given.</summary>
/// <param name="Id">The payroll's id.</param>
/// <param name="Year">The year paid.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="Total">The payroll's total in CNY.</param>
/// <param name="IssuedBy">Who issued the payroll: the signed-in person's id.</param>
/// <param name="IssuedAt">When the payroll was issued (UTC instant).</param>
/// <param name="AcknowledgedAt">When the finance office acknowledged the payroll (UTC instant); empty until then.</param>
/// <param name="AcknowledgedBy">Who acknowledged it for the finance office.</param>
/// <param name="AcknowledgementReference">The finance office's reference for the acknowledgement.</param>
/// <param name="Lines">One line per payee.</param>
public sealed record PayrollResponse(
    Guid Id, int Year, Guid ProcedureId, decimal Total, string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy, string? AcknowledgementReference, IReadOnlyList<PayrollLineResponse> Lines)
{
    public static PayrollResponse From(PayrollRun p) => new(p.Id, p.Year, p.ProcedureId, p.Total, p.IssuedBy, p.IssuedAt, p.AcknowledgedAt,
        p.AcknowledgedBy, p.AcknowledgementReference, [.. p.Lines.OrderBy(l => l.Number).Select(PayrollLineResponse.From)]);
}

/// <summary>A finance office's event that cannot be applied is dropped, not retried.</summary>
internal sealed class PayrollAcknowledgedByFinanceValidator : AbstractValidator<PayrollAcknowledgedByFinance>
{
    public PayrollAcknowledgedByFinanceValidator()
    {
        RuleFor(e => e.TenantId).NotEmpty().MaximumLength(100);
        RuleFor(e => e.Year).InclusiveBetween(Evaluations.PayYears.First, Evaluations.PayYears.Last);
        RuleFor(e => e.Reference).NotEmpty().MaximumLength(100);
        RuleFor(e => e.AcknowledgedBy).NotEmpty().MaximumLength(200);
    }
}

internal static class PayrollEndpoints
{
    public const string AcknowledgedTopic = "payroll-acknowledged";

    public static void MapPayroll(this RouteGroupBuilder villagePay)
    {
        var payroll = villagePay.MapGroup("/payroll");

        payroll.MapPost("/{year:int}", async Task<Created<PayrollResponse>> ([Description("The year of the payroll.")] int year, Payrolls payrolls, CommandPipeline pipeline, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var issued = await pipeline.ExecuteAsync(db, new IssuePayroll(Guid.Empty, http.User.TenantId(), year), http.User.ActorId(),
                    payrolls.IssueAsync, ct);
                return TypedResults.Created($"/api/village-pay/payroll/{year}", PayrollResponse.From(issued));
            })
            .ProducesValidationProblem()
            .WithSummary("Issues the year's payroll: base, performance and institution pay and retirement subsidies (P1–P4).");

        payroll.MapGet("/{year:int}", async Task<Results<Ok<PayrollResponse>, ProblemHttpResult>> ([Description("The year of the payroll.")] int year, VillagePayDbContext db, HttpContext http,
                CancellationToken ct) =>
            await Find(db, http.User.TenantId(), year, ct) is { } run ? TypedResults.Ok(PayrollResponse.From(run)) : NotIssued(year))
            .WithSummary("The issued payroll of a year with its lines and totals (P1–P4).");

        payroll.MapGet("/{year:int}.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> ([Description("The year of the payroll.")] int year, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
                await Find(db, http.User.TenantId(), year, ct) is { } run
                    ? TypedResults.File(PayrollCsv.Write(run), "text/csv; charset=utf-8", $"village-payroll-{year}.csv")
                    : NotIssued(year))
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The issued payroll as CSV for the finance office (UTF-8 with BOM, totals line).");
    }

    /// <summary>The finance office's Dapr topic; each CloudEvent becomes one <see cref="AcknowledgePayroll"/>, once.</summary>
    public static void MapFinancePartner(this IEndpointRouteBuilder app) =>
        app.MapPartnerEvent<PayrollAcknowledgedByFinance, VillagePayDbContext>(AcknowledgedTopic,
            e => new AcknowledgePayroll(Guid.Empty, e.TenantId, e.Year, e.Reference, e.AcknowledgedBy), e => $"{e.TenantId}/payroll/{e.Year}");

    static Task<PayrollRun?> Find(VillagePayDbContext db, string tenant, int year, CancellationToken ct) =>
        db.Payrolls.AsNoTracking().Include(p => p.Lines).SingleOrDefaultAsync(p => p.TenantId == tenant && p.Year == year, ct);

    static ProblemHttpResult NotIssued(int year) => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No payroll of {year} is issued.");
}
