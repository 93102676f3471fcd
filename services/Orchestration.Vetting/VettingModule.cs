using FluentValidation;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Decisions;

namespace Orchestration.Vetting;

/// <summary>The vetting service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class VettingModule
{
    public static IHostApplicationBuilder AddVetting(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<VettingDbContext>("Vetting");
        builder.Services.AddValidatorsFromAssemblyContaining<VettingDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<DecisionMeetings>();
        return builder;
    }

    public static IEndpointRouteBuilder MapVetting(this IEndpointRouteBuilder app)
    {
        var vetting = app.MapGroup("/api/vetting").WithTags("Vetting");
        vetting.MapDecisionMeetings();
        return app;
    }
}
