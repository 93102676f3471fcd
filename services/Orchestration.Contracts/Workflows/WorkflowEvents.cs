namespace Orchestration.Contracts.Workflows;

/// <summary>A named event for the Event activities waiting on <paramref name="CorrelationKey"/>; published by a workflow or a service.</summary>
public sealed record WorkflowEventPublished(Guid ProcedureId, string TenantId, string EventName, string CorrelationKey, string? PayloadJson)
    : IProcedureMessage;
