using Orchestration.ServiceDefaults.Http;
using FluentValidation;
using Orchestration.ServiceDefaults.Dapr;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.FollowUp;
using Orchestration.Disposition.Measures;
using Orchestration.Disposition.NonLeadershipTransfer;
using Orchestration.Disposition.Statistics;
using Orchestration.Disposition.Steps;
using Orchestration.Disposition.Triggers;

namespace Orchestration.Disposition;

/// <summary>The disposition service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class DispositionModule
{
    /// <summary>The Dapr topic on which partner departments notify us about cadres (D1), on the component <c>Dapr:PubSubName</c>.</summary>
    public const string CadreNotificationTopic = "cadre-notification";

    public static IHostApplicationBuilder AddDisposition(this IHostApplicationBuilder builder)
    {
        // The XML documentation of this assembly (and of the projects it references) describes its fields and parameters in the
        // OpenAPI document: the documentation generator only reads the assemblies of the project that calls AddOpenApi.
        builder.Services.AddOpenApi();
        builder.AddServiceDatabase<DispositionDbContext>("Disposition");
        builder.Services.AddOptions<DispositionOptions>().BindConfiguration(DispositionOptions.Section);
        builder.Services.AddValidatorsFromAssemblyContaining<DispositionDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<DispositionCases>();
        builder.Services.AddScoped<TriggerEvaluations>();
        builder.Services.AddScoped<CaseSteps>();
        builder.Services.AddScoped<FollowUps>();
        builder.Services.AddScoped<ShortPathMeasures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDisposition(this IEndpointRouteBuilder app)
    {
        var disposition = app.MapGroup("/api/disposition").WithTags("Disposition")
            .WithIdempotency<DispositionDbContext>(); // POSTs accept an Idempotency-Key (ServiceDefaults)
        disposition.MapTriggerEvaluations();
        disposition.MapCases();
        disposition.MapFollowUp();
        disposition.MapNonLeadershipTransfers();
        disposition.MapMeasures();
        disposition.MapStatistics();
        // D1: a partner department's notification becomes one OpenDispositionCase per CloudEvent (the host maps the Dapr middleware once).
        app.MapPartnerEvent<CadreNotificationFromPartner, DispositionDbContext>(CadreNotificationTopic, n => n.ToCommand(),
            n => n.CadreId.ToString());
        return app;
    }
}
