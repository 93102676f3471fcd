using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.ServiceDefaults;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Dapr;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Health;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Logging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Telemetry;
using Orchestration.ServiceDefaults.Time;
using Scalar.AspNetCore;

// Entry points live beside IHostApplicationBuilder so a Program.cs needs no extra usings.
namespace Microsoft.Extensions.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every service needs before its own registrations: telemetry, health checks, problem details,
    /// JWT authentication with roles and a tenant claim, OpenAPI, the county clock and the working-day calendar.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Configuration[ServiceIdentity.NameKey] ??= serviceName;
        var name = builder.Configuration[ServiceIdentity.NameKey]!;
        builder.UseQuietLogging();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddCountyClock(builder.Configuration);
        builder.Services.AddWorkingDayCalendar(builder.Configuration);
        builder.Services.AddHostedService<CalendarDirectoryReloader>();
        builder.AddTelemetry(name);
        builder.Services.AddOperationsMetrics();
        builder.Services.AddHealthChecks().AddCheck<CalendarHealthCheck>("official-calendar", tags: [HealthEndpoints.OperationsTag]);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });
        builder.Services.AddExceptionHandler<ProblemAnswers>();
        builder.Services.AddScoped<Orchestration.ServiceDefaults.Commands.CommandPipeline>(); // one door per fact: HTTP and the bus check and apply commands alike
        builder.AddProxyHeaders(); // behind the ingress: the scheme and client address the proxy forwards, from known proxies only
        builder.AddTokenAuthentication();
        builder.AddAccessTable(); // who may call which endpoint: Security/AccessTable.cs
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityScheme>().AddDocumentTransformer<NullableReferenceDescriptions>().AddSchemaTransformer<ProblemDescriptions>());
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        // A rule stops at its first failure: Must(...) after NotNull() never sees the null.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        // Unreadable bodies and parameters throw in every environment, so the answer names the field (ProblemAnswers).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOptions<RequestLimits>().BindConfiguration(RequestLimits.Section);
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? null : ProblemAnswers.CamelPath(member.Name);
        return builder;
    }

    /// <summary>Middleware and endpoints every service shares: forwarded headers, errors as problem details, auth, health, OpenAPI and its UI.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseProxyHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            // What a request records is the signed-in person's act: the events it publishes name them (C1, C2).
            using var actor = Orchestration.ServiceDefaults.Messaging.CommandActor.Use(context.User.Identity?.IsAuthenticated == true ? Orchestration.ServiceDefaults.Security.CallerExtensions.ActorId(context.User) : null);
            await next(context);
        });
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint(TelemetrySetup.MetricsPath).AllowAnonymous(); // the scraper holds no token; the Ingress never routes it
        // The API map is open in Development only; elsewhere it takes a token like every other endpoint.
        var openApi = app.MapOpenApi();
        // The reference signs its test requests in with a bearer token and sends nothing elsewhere: no telemetry, no AI agent,
        // no MCP, no fonts from a CDN, no button handing the API to an outside client.
        var reference = app.MapScalarApiReference("/scalar", options => options
            .AddPreferredSecuritySchemes(BearerSecurityScheme.Name)
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .DisableDefaultFonts()
            .HideClientButton()
            .HideDeveloperTools());
        if (app.Environment.IsDevelopment())
        {
            openApi.AllowAnonymous();
            reference.AllowAnonymous();
        }
        app.MapDaprSubscriptions(); // every service may receive partner departments' events through a Dapr sidecar
        return app;
    }

    /// <summary>
    /// Runs the service. With <c>--migrate-only</c> it brings the service's databases up to date and returns without starting
    /// anything else (the Kubernetes pre-install/pre-upgrade job): no bus, no timers, no listener.
    /// </summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        if (!Environment.GetCommandLineArgs().Contains(ServiceDatabase.MigrateOnlyArgument))
        {
            await app.RunAsync();
            return;
        }
        foreach (var migrator in app.Services.GetServices<IDatabaseMigrator>())
            await migrator.MigrateAsync(CancellationToken.None);
    }
}
