using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestration.ServiceDefaults;

/// <summary>The ActivitySource and Meter of the shared plumbing (outbox, inbox). Services add their own, named after them.</summary>
public static class OrchestrationTelemetry
{
    public const string Name = "Orchestration.ServiceDefaults";

    /// <summary>Every source and meter of ours starts with this, so one wildcard subscribes to all.</summary>
    public const string Prefix = "Orchestration.";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
