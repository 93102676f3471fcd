using Orchestration.ServiceDefaults.Http;
using FluentValidation;
using Orchestration.Audit.Data;
using Orchestration.Audit.Departures;
using Orchestration.Audit.Findings;
using Orchestration.Audit.Plans;
using Orchestration.Audit.Regrading;
using Orchestration.Audit.Statistics;
using Orchestration.Audit.Units;

namespace Orchestration.Audit;

/// <summary>The audit service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class AuditModule
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        // The XML documentation of this assembly (and of the projects it references) describes its fields and parameters in the
        // OpenAPI document: the documentation generator only reads the assemblies of the project that calls AddOpenApi.
        builder.Services.AddOpenApi();
        builder.AddServiceDatabase<AuditDbContext>("Audit");
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section);
        builder.Services.AddValidatorsFromAssemblyContaining<AuditDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<UnitGrading>();
        builder.Services.AddScoped<Regradings>();
        builder.Services.AddScoped<AuditPlans>();
        builder.Services.AddScoped<AuditResults>();
        builder.Services.AddScoped<DepartureAudits>();
        // A4: an overdue handover shows on /health/operations (the operators' tag), never on readiness.
        builder.Services.AddHealthChecks().AddCheck<HandoverDeadlineCheck>("handover-deadlines", tags: ["operations"]);
        return builder;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit")
            .WithIdempotency<AuditDbContext>(); // POSTs accept an Idempotency-Key (ServiceDefaults)
        audit.MapUnits();
        audit.MapRegrading();
        audit.MapPlans();
        audit.MapResults();
        audit.MapDepartures();
        audit.MapStatistics();
        return app;
    }
}
