using Orchestration.ServiceDefaults.Http;
using FluentValidation;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Dapr;
using Orchestration.Vetting.Accountability;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.Deliberations;
using Orchestration.Vetting.Disclosures;
using Orchestration.Vetting.Inspections;
using Orchestration.Vetting.IntegrityExams;
using Orchestration.Vetting.PreFiling;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Publicity;
using Orchestration.Vetting.Reports;
using Orchestration.Vetting.Statistics;

namespace Orchestration.Vetting;

/// <summary>The vetting service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class VettingModule
{
    public static IHostApplicationBuilder AddVetting(this IHostApplicationBuilder builder)
    {
        // The XML documentation of this assembly (and of the projects it references) describes its fields and parameters in the
        // OpenAPI document: the documentation generator only reads the assemblies of the project that calls AddOpenApi.
        builder.Services.AddOpenApi();
        builder.AddServiceDatabase<VettingDbContext>("Vetting");
        builder.Services.AddOptions<VettingOptions>().BindConfiguration(VettingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddValidatorsFromAssemblyContaining<VettingDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<Inspections.Inspections>();
        builder.Services.AddScoped<CadreFiles.CadreFiles>();
        builder.Services.AddScoped<IntegrityExams.IntegrityExams>();
        builder.Services.AddScoped<Disclosures.Disclosures>();
        builder.Services.AddScoped<Deliberations.Deliberations>();
        builder.Services.AddScoped<DecisionMeetings>();
        builder.Services.AddScoped<CompetitiveVotes>();
        builder.Services.AddScoped<PreFilingReviews>();
        builder.Services.AddScoped<PreFilingChecks>();
        builder.Services.AddScoped<Publicities>();
        builder.Services.AddScoped<Reports.Reports>();
        builder.Services.AddScoped<Appointments>();
        return builder;
    }

    public static IEndpointRouteBuilder MapVetting(this IEndpointRouteBuilder app)
    {
        var vetting = app.MapGroup("/api/vetting").WithTags("Vetting")
            .WithIdempotency<VettingDbContext>(); // POSTs accept an Idempotency-Key (ServiceDefaults)
        vetting.MapInspections();
        vetting.MapCadreFiles();
        vetting.MapIntegrityExams();
        vetting.MapDisclosures();
        vetting.MapDeliberations();
        vetting.MapDecisionMeetings();
        vetting.MapPreFiling();
        vetting.MapPublicity();
        vetting.MapReports();
        vetting.MapAppointments();
        vetting.MapAccountability();
        vetting.MapStatistics();

        // C4: the discipline commission's verification arrives as a Dapr CloudEvent and becomes our command, once per event id.
        app.MapPartnerEvent<ReportVerifiedByDiscipline, VettingDbContext>("report-verified", PartnerVerdicts.ToCommand,
            e => e.ReportId.ToString());
        return app;
    }
}
