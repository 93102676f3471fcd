using Orchestration.ServiceDefaults.Http;
using FluentValidation;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Payroll;
using Orchestration.VillagePay.Retirement;
using Orchestration.VillagePay.Selection;
using Orchestration.VillagePay.Statistics;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay;

/// <summary>The village-pay service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class VillagePayModule
{
    public static IHostApplicationBuilder AddVillagePay(this IHostApplicationBuilder builder)
    {
        // The XML documentation of this assembly (and of the projects it references) describes its fields and parameters in the
        // OpenAPI document: the documentation generator only reads the assemblies of the project that calls AddOpenApi.
        builder.Services.AddOpenApi();
        builder.AddServiceDatabase<VillagePayDbContext>("VillagePay");
        builder.Services.AddOptions<VillagePayOptions>().BindConfiguration(VillagePayOptions.Section)
            .Validate(o => o.AnnualEvaluationWeight is >= 0 and <= 1, "VillagePay:AnnualEvaluationWeight is between 0 and 1 (P2).")
            .ValidateOnStart();
        builder.Services.AddValidatorsFromAssemblyContaining<VillagePayDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<PerformancePay>();
        builder.Services.AddScoped<Rectifications>();
        builder.Services.AddScoped<QuarterlyEvaluations>();
        builder.Services.AddScoped<SelectionRounds>();
        builder.Services.AddScoped<Payrolls>();
        return builder;
    }

    /// <summary>
    /// The HTTP API under <c>/api/village-pay</c> and the finance office's Dapr topic <c>payroll-acknowledged</c>. CloudEvents are
    /// unwrapped by <c>MapServiceDefaults()</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapVillagePay(this IEndpointRouteBuilder app)
    {
        var villagePay = app.MapGroup("/api/village-pay").WithTags("Village pay")
            .WithIdempotency<VillagePayDbContext>(); // POSTs accept an Idempotency-Key (ServiceDefaults)
        villagePay.MapVillages();
        villagePay.MapEvaluations();
        villagePay.MapRectifications();
        villagePay.MapSelection();
        villagePay.MapRetirement();
        villagePay.MapStartUpSubsidies();
        villagePay.MapPayroll();
        villagePay.MapStatistics();
        app.MapFinancePartner();
        return app;
    }
}
