using System.Diagnostics.Metrics;

namespace Orchestration.Workflows.Runtime;

/// <summary>The workflow runtime's instruments (meter <c>Orchestration.Workflows</c>, exported with every <c>Orchestration.*</c> meter).</summary>
public static class WorkflowMetrics
{
    public const string MeterName = "Orchestration.Workflows";

    static readonly Meter Meter = new(MeterName);

    /// <summary>A timer that failed to fire (it is tried again, and parked with an incident at the limit).</summary>
    public static readonly Counter<long> TimerFailures = Meter.CreateCounter<long>("orchestration.workflows.timer.failures", description: "Timers that failed to fire");

    /// <summary>Incidents opened on instances, by kind (timer, activity).</summary>
    public static readonly Counter<long> Incidents = Meter.CreateCounter<long>("orchestration.workflows.incidents", description: "Incidents opened on instances");
}
