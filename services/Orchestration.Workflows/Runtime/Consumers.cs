using System.Diagnostics;
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
/// gone after the first resume), or records an answer nobody waits for. Answers are applied in micro-batches
/// (<see cref="ResultBatches"/>); the delivery completes once its answer is committed and fails if its answer could not be applied.
/// </summary>
public sealed class DomainResultConsumer<TResult>(ResultBatches batches) : IConsumer<TResult>
    where TResult : class, IDomainResult
{
    static readonly string Consumer = InboxKeys.StableName(typeof(DomainResultConsumer<TResult>));

    // Rows written before the key was stable named the consumer by its CLR full name (with assembly versions).
    static readonly string Legacy = typeof(DomainResultConsumer<TResult>).FullName ?? Consumer;

    public Task Consume(ConsumeContext<TResult> context) =>
        batches.ApplyAsync(new ArrivedResult(context.Message,
            context.MessageId ?? throw new InvalidOperationException($"{typeof(TResult).Name} arrived without a message id."),
            Consumer, Legacy, context.Headers.Get<string>(StepToken.Header), context.Headers.Get<string>(CommandActor.Header), Activity.Current));
}

/// <summary>
/// The endpoint of a <see cref="DomainResultConsumer{TResult}"/>: its deliveries wait for their batch without holding a database
/// connection each, so it takes as many at once as a batch applies (<see cref="WorkflowOptions.ResultBatchSize"/>), instead of the
/// few each other endpoint takes.
/// </summary>
public sealed class DomainResultConsumerDefinition<TResult>(Microsoft.Extensions.Options.IOptions<WorkflowOptions> options)
    : ConsumerDefinition<DomainResultConsumer<TResult>>
    where TResult : class, IDomainResult
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<DomainResultConsumer<TResult>> consumerConfigurator,
        IRegistrationContext context)
    {
        var atOnce = Math.Max(1, options.Value.ResultBatchSize);
        endpointConfigurator.ConcurrentMessageLimit = atOnce;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = Math.Max(rabbit.PrefetchCount, atOnce);
    }
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
