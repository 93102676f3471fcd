using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orchestration.ServiceDefaults.Health;

internal static class HealthEndpoints
{
    /// <summary>Checks an operator watches that never take a pod out of service (the official calendar of next year, say).</summary>
    public const string OperationsTag = "operations";

    /// <summary>What the pod itself needs to serve: its databases. Only these take a pod out of its Service.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The broker connection and the bus: Degraded while the broker is away, never in readiness, since the outbox holds every write
    /// until the broker is back and a broker restart must not take every pod out of its Service.
    /// </summary>
    public const string BrokerTag = "broker";

    /// <summary>
    /// <c>/health/live</c>: the process answers (no dependency is checked, so a broker outage never restarts pods).
    /// <c>/health/ready</c>: every check tagged "ready" (the service's databases) is healthy; 503 otherwise.
    /// <c>/health/broker</c>: the broker connection and the bus; Degraded (200) while the broker is away, alerted on, never a reason to stop serving.
    /// <c>/health/operations</c>: what an operator must act on without a pod leaving service; Degraded answers 200 with the reason.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReport })
            .AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/broker", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(BrokerTag),
            ResponseWriter = WriteReport,
        }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/operations", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(OperationsTag),
            ResponseWriter = WriteReasons,
        }).AllowAnonymous();
    }

    static Task WriteReport(HttpContext context, HealthReport report) => Write(context, report, withReasons: false);

    static Task WriteReasons(HttpContext context, HealthReport report) => Write(context, report, withReasons: true);

    static Task Write(HttpContext context, HealthReport report, bool withReasons)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                // These answers are anonymous: never an exception's text or a description naming hosts and internals
                // (the logs have them). Only /health/operations says why, and only the checks' own sentences.
                description = withReasons && entry.Value.Exception is null ? entry.Value.Description : null,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
