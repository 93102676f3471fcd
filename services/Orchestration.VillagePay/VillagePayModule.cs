using FluentValidation;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Pay;

namespace Orchestration.VillagePay;

/// <summary>The village-pay service's registrations and endpoints; the embedded host calls the same pair.</summary>
public static class VillagePayModule
{
    public static IHostApplicationBuilder AddVillagePay(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<VillagePayDbContext>("VillagePay");
        builder.Services.AddOptions<VillagePayOptions>().BindConfiguration(VillagePayOptions.Section);
        builder.Services.AddValidatorsFromAssemblyContaining<VillagePayDbContext>(includeInternalTypes: true);
        builder.Services.AddScoped<PerformancePay>();
        return builder;
    }

    public static IEndpointRouteBuilder MapVillagePay(this IEndpointRouteBuilder app)
    {
        var villagePay = app.MapGroup("/api/village-pay").WithTags("Village pay");
        villagePay.MapVillages();
        return app;
    }
}
