using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Orchestration.ServiceDefaults.Logging;

/// <summary>
/// The default log levels of every service and of the embedded host. EF Core's SQL of every command (the outbox, timer and sealer
/// polls run several a second) and MassTransit's endpoint configuration (a line per consumer at start) log at Warning and above
/// only, and so do the health checks' per-run lines (Degraded is a state the gauges and <c>/health/*</c> report, not news every
/// 15 seconds); everything else keeps Information. These are the lowest-priority settings: <c>appsettings.json</c>, the environment
/// (<c>Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information</c>) or the command line override them.
/// The console format is plain text unless <c>Logging__Console__FormatterName=json</c> (the images and the chart set it), whose
/// lines carry the trace and span ids of the request or message being handled.
/// </summary>
public static class QuietLogging
{
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        // Every Degraded check would log a warning at each run (every 15 s, and at every probe): the gauge orchestration.health.status
        // and /health/* tell it; a broker outage is logged by MassTransit itself.
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService"] = "Error",
    };

    /// <summary>The environment of JSON console logs with UTC timestamps and scopes (trace ids), as the Dockerfiles and the chart set it.</summary>
    public static readonly IReadOnlyDictionary<string, string> JsonConsole = new Dictionary<string, string>
    {
        ["Logging__Console__FormatterName"] = "json",
        ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
        ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ",
    };

    /// <summary>Puts <see cref="Defaults"/> under every other configuration source.</summary>
    public static void UseQuietLogging(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration is not IConfigurationBuilder sources) return;
        if (sources.Sources.OfType<MemoryConfigurationSource>().Any(s => ReferenceEquals(s.InitialData, Defaults))) return;
        sources.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
    }
}
