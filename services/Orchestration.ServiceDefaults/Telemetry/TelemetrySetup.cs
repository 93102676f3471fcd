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
    /// Traces, metrics and logs through OpenTelemetry: ASP.NET Core, HttpClient, the .NET runtime, Npgsql, MassTransit and every
    /// <c>Orchestration.*</c> source and meter; exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and metrics always
    /// for Prometheus at <see cref="MetricsPath"/> (mapped by <c>MapServiceDefaults</c>).
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
                .AddRuntimeInstrumentation()
                .AddMeter(MassTransit.Monitoring.InstrumentationOptions.MeterName)
                .AddMeter("Npgsql")
                .AddMeter(OrchestrationTelemetry.Prefix + "*")
                // No response cache of its own: the gauges that read a database keep their readings (Metrics:ReadingMaxAge).
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddSource(DiagnosticHeaders.DefaultListenerName)
                .AddSource(OrchestrationTelemetry.Prefix + "*")
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsProbe(context))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
    }

    /// <summary>Where Prometheus scrapes: on the pod's port, never routed by the Ingress (the chart's NetworkPolicy admits the scraper).</summary>
    public const string MetricsPath = "/metrics";

    // Kubernetes probes and Prometheus call every few seconds; their spans would drown the procedures.
    static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments(MetricsPath);
}
