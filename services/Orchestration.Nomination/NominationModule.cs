using Orchestration.ServiceDefaults.Http;
using FluentValidation;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.DepartmentMeetings;
using Orchestration.Nomination.Elections;
using Orchestration.Nomination.Motions;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.Recommendations;
using Orchestration.Nomination.ReservePool;

namespace Orchestration.Nomination;

/// <summary>The nomination service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class NominationModule
{
    public static IHostApplicationBuilder AddNomination(this IHostApplicationBuilder builder)
    {
        // The XML documentation of this assembly (and of the projects it references) describes its fields and parameters in the
        // OpenAPI document: the documentation generator only reads the assemblies of the project that calls AddOpenApi.
        builder.Services.AddOpenApi();
        builder.AddServiceDatabase<NominationDbContext>("Nomination");
        builder.Services.AddOptions<NominationOptions>().BindConfiguration(NominationOptions.Section)
            .Validate(o => o.ChannelWeights.AreValid, "Nomination:ChannelWeights must not be negative and must not all be zero (N7).")
            .Validate(o => o.CoolOffYears >= 0 && o.BatchAdjustmentsPerTerm >= 0 && o.DecisionSessionsPerYear >= 0
                           && o.PromotionsWithoutSuperiorApproval >= 0 && o.AdjustedShareOfPostsPerTerm is >= 0 and <= 1,
                "Nomination quotas (N2) and the cool-off (N6) must not be negative; the adjusted share is between 0 and 1.")
            .ValidateOnStart();
        builder.Services.AddValidatorsFromAssemblyContaining<NominationDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<RecommendationRounds>();
        builder.Services.AddScoped<MotionRegistry>();
        builder.Services.AddScoped<Establishments>();
        builder.Services.AddScoped<DepartmentMeetings.DepartmentMeetings>();
        builder.Services.AddScoped<NominationRegistry>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNomination(this IEndpointRouteBuilder app)
    {
        var nomination = app.MapGroup("/api/nomination").WithTags("Nomination")
            .WithIdempotency<NominationDbContext>(); // POSTs accept an Idempotency-Key (ServiceDefaults)
        nomination.MapRecommendationRounds();
        nomination.MapMotions();
        nomination.MapReservePool();
        nomination.MapNominations();
        nomination.MapElections();
        nomination.MapDepartmentMeetings();
        return app;
    }
}
