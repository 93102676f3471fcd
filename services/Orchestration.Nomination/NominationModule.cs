using FluentValidation;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Recommendations;

namespace Orchestration.Nomination;

/// <summary>The nomination service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class NominationModule
{
    public static IHostApplicationBuilder AddNomination(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NominationDbContext>("Nomination");
        builder.Services.AddOptions<NominationOptions>().BindConfiguration(NominationOptions.Section).ValidateOnStart();
        builder.Services.AddValidatorsFromAssemblyContaining<NominationDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<RecommendationRounds>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNomination(this IEndpointRouteBuilder app)
    {
        var nomination = app.MapGroup("/api/nomination").WithTags("Nomination");
        nomination.MapRecommendationRounds();
        return app;
    }
}
