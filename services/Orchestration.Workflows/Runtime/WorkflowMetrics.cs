using System.Diagnostics.Metrics;

namespace Orchestration.Workflows.Runtime;

/// <summary>The workflow runtime's instruments (meter <c>Orchestration.Workflows</c>, exported with every <c>Orchestration.*</c> meter).</summary>
public static class WorkflowMetrics
{
    public const string MeterName = "Orchestration.Workflows";

    static readonly Meter Meter = new(MeterName);

    /// <summary>A timer that failed to fire (it is tried again, and parked with an incident at the limit).</summary>
    public static readonly Counter<long> TimerFailures = Meter.CreateCounter<long>("orchestration.workflows.timer.failures", description: "Timers that failed to fire");

    /// <summary>
    /// Incidents opened, by kind: <c>timer</c>, <c>activity</c>, and the message kinds (<see cref="IncidentKinds"/>): <c>command</c> (a
    /// service could not handle a step's command), <c>result</c> and <c>event</c> (the workflow server could not consume one), <c>outbox</c>
    /// (a service's outbox dead-lettered a procedure's message).
    /// </summary>
    public static readonly Counter<long> Incidents = Meter.CreateCounter<long>("orchestration.workflows.incidents", description: "Incidents opened on instances");

    /// <summary>Incidents answered over the API, by kind and action (<c>retry</c>, <c>skip</c>).</summary>
    public static readonly Counter<long> IncidentActions = Meter.CreateCounter<long>("orchestration.workflows.incident.actions", description: "Incidents retried or skipped");
}
