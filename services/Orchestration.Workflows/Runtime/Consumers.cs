using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// A domain service's answer to a step: resumes the waiting procedure exactly once (the inbox drops a redelivery; the bookmark is
/// gone after the first resume), or records an answer nobody waits for.
/// </summary>
public sealed class DomainResultConsumer<TResult>(WorkflowDbContext db, WorkflowRuntime runtime) : InboxConsumer<TResult, WorkflowDbContext>(db)
    where TResult : class, IDomainResult
{
    protected override Task ConsumeOnce(ConsumeContext<TResult> context, CancellationToken cancellationToken) =>
        runtime.DeliverResultAsync(context.Message, cancellationToken, context.Headers.Get<string>(StepToken.Header), CommandActor.Current);
}

/// <summary>A service's own fact: starts the procedures whose Event trigger bears its type name.</summary>
public sealed class ServiceEventConsumer<TEvent>(WorkflowDbContext db, WorkflowRuntime runtime) : InboxConsumer<TEvent, WorkflowDbContext>(db)
    where TEvent : class, IServiceEvent
{
    protected override Task ConsumeOnce(ConsumeContext<TEvent> context, CancellationToken cancellationToken) =>
        runtime.AnnounceAsync(context.Message, JsonSerializer.SerializeToNode(context.Message, ElsaJson.Options), cancellationToken, CommandActor.Current);
}

/// <summary>A named event published by a workflow or a service: resumes the Event activities waiting for it.</summary>
public sealed class WorkflowEventConsumer(WorkflowDbContext db, WorkflowRuntime runtime) : InboxConsumer<WorkflowEventPublished, WorkflowDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<WorkflowEventPublished> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        return runtime.RaiseEventAsync(message.TenantId, message.EventName, message.CorrelationKey,
            message.PayloadJson is null ? null : JsonNode.Parse(message.PayloadJson), $"event:{message.ProcedureId}", cancellationToken);
    }
}
