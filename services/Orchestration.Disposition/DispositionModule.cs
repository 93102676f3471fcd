using FluentValidation;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Triggers;

namespace Orchestration.Disposition;

/// <summary>The disposition service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class DispositionModule
{
    public static IHostApplicationBuilder AddDisposition(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DispositionDbContext>("Disposition");
        builder.Services.AddOptions<DispositionOptions>().BindConfiguration(DispositionOptions.Section);
        builder.Services.AddValidatorsFromAssemblyContaining<DispositionDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<TriggerEvaluations>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDisposition(this IEndpointRouteBuilder app)
    {
        var disposition = app.MapGroup("/api/disposition").WithTags("Disposition");
        disposition.MapTriggerEvaluations();
        return app;
    }
}
