using MassTransit.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orchestration.ServiceDefaults.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry: ASP.NET Core, HttpClient, Npgsql, MassTransit and every
    /// <c>Orchestration.*</c> source and meter; exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static void AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceNamespace: "orchestration"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(MassTransit.Monitoring.InstrumentationOptions.MeterName)
                .AddMeter("Npgsql")
                .AddMeter(OrchestrationTelemetry.Prefix + "*"))
            .WithTracing(tracing => tracing
                .AddSource(DiagnosticHeaders.DefaultListenerName)
                .AddSource(OrchestrationTelemetry.Prefix + "*")
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsProbe(context))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
    }

    // Kubernetes probes every few seconds; their spans would drown the procedures.
    static bool IsProbe(HttpContext context) => context.Request.Path.StartsWithSegments("/health");
}
