using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orchestration.Contracts;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// Opens incidents for messages of a procedure that could not be handled, in the transaction of the consumer that learnt of it
/// (not the one that failed). The incident keeps the message, so it can be sent again after a restart. An instance that waits for
/// the message keeps waiting (its status is not changed: its other branches, and their timers, go on); its IncidentCount grows and
/// its journal says what happened. A message naming no procedure of its tenant is kept as an incident of the tenant alone.
/// </summary>
public sealed class IncidentRecorder(WorkflowDbContext db, TimeProvider time, ILogger<IncidentRecorder> logger)
{
    public async Task<Incident?> RecordAsync(string kind, Guid procedureId, string tenantId, string messageType, Guid? messageId, string body,
        string error, string? exception, string? source, CancellationToken ct)
    {
        if (messageId is { } id && await db.Incidents.AnyAsync(i => i.MessageId == id && i.Kind == kind && i.ResolvedAt == null, ct))
            return null; // already open for this message (the same fault reported twice)

        var now = time.GetUtcNow();
        // Tenant check: a message only reaches a procedure of its own tenant; another county's procedure id matches nothing.
        var instance = procedureId == Guid.Empty ? null
            : await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == procedureId && i.TenantId == tenantId, ct);
        var activityId = instance is null ? "" : await WaitingActivityAsync(instance.Id, messageType, ct) ?? "";
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance?.Id ?? Guid.Empty,
            Kind = kind,
            TenantId = tenantId,
            ActivityId = activityId,
            Message = Truncate($"{ShortName(messageType)}{(source is null ? "" : $" ({source})")}: {error}", 2000),
            Exception = exception,
            MessageType = Truncate(messageType, 512),
            MessageId = messageId,
            MessageBody = body,
            Source = source is null ? null : Truncate(source, 200),
            CreatedAt = now,
        };
        db.Incidents.Add(incident);
        if (instance is not null)
        {
            await db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(set => set
                .SetProperty(i => i.IncidentCount, i => i.IncidentCount + 1)
                .SetProperty(i => i.UpdatedAt, now)
                .SetProperty(i => i.Revision, i => i.Revision + 1), ct);
            var journal = await JournalWriter.OpenAsync(db, instance.Id, ct);
            journal.Append(now, "IncidentOpened", activityId.Length == 0 ? null : activityId, message: incident.Message, payloadJson: body,
                actor: source is null ? "bus" : $"service:{source}", cadreId: instance.CadreId);
        }
        WorkflowMetrics.Incidents.Add(1, new KeyValuePair<string, object?>("kind", kind));
        logger.LogError("Incident {IncidentId} ({Kind}) on procedure {ProcedureId} of {TenantId}: {Message}", incident.Id, kind,
            instance?.Id.ToString() ?? $"{procedureId} (not found)", tenantId, incident.Message);
        return incident;
    }

    /// <summary>The activity of the instance that waits for this message (a command's result, or the result itself).</summary>
    async Task<string?> WaitingActivityAsync(Guid instanceId, string messageType, CancellationToken ct)
    {
        var type = IncidentMessages.Load(messageType);
        var resultType = type is null ? null : IncidentMessages.ResultTypeOf(type) ?? (type.IsAssignableTo(typeof(IDomainResult)) ? type : null);
        if (resultType is null) return null;
        var key = DomainCommandActivity.ResultKey(resultType, instanceId);
        return await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKinds.DomainResult && b.Key == key)
            .Select(b => b.ActivityId).FirstOrDefaultAsync(ct);
    }

    static string ShortName(string messageType) => messageType.Split(',')[0].Split('.').Last();

    internal static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Reading the messages incidents keep.</summary>
public static class IncidentMessages
{
    public static readonly JsonSerializerOptions Json = ElsaJson.Options;

    /// <summary>A contract type by the name the outbox and incidents store (full name and assembly, no version); null when unknown.</summary>
    public static Type? Load(string messageType)
    {
        var type = Type.GetType(messageType, throwOnError: false);
        if (type is not null) return type;
        var fullName = messageType.Split(',')[0].Trim();
        return typeof(IProcedureMessage).Assembly.GetType(fullName);
    }

    /// <summary>The result a domain command is answered with; null for anything else.</summary>
    public static Type? ResultTypeOf(Type type) => type.GetInterfaces()
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainCommand<>))?.GetGenericArguments()[0];

    public static string KindOf(Type type) =>
        ResultTypeOf(type) is not null ? IncidentKinds.Command : type.IsAssignableTo(typeof(IDomainResult)) ? IncidentKinds.Result : IncidentKinds.Event;

    public static string Describe(ExceptionInfo[]? exceptions) =>
        exceptions is { Length: > 0 } ? string.Join(" → ", exceptions.Select(e => e.Message)) : "the consumer faulted";

    public static string? Details(ExceptionInfo[]? exceptions) =>
        exceptions is { Length: > 0 } ? string.Join("\n---\n", exceptions.Select(e => $"{e.ExceptionType}: {e.Message}\n{e.StackTrace}")) : null;
}

/// <summary>
/// A procedure's message whose consumer faulted after its retries: MassTransit publishes <c>Fault&lt;T&gt;</c> then (from a domain
/// service for a command, from the workflow server for a result or event), and this opens the incident, exactly once.
/// </summary>
public sealed class MessageFaultConsumer<TMessage>(WorkflowDbContext db, IncidentRecorder incidents) : InboxConsumer<Fault<TMessage>, WorkflowDbContext>(db)
    where TMessage : class, IProcedureMessage
{
    protected override async Task ConsumeOnce(ConsumeContext<Fault<TMessage>> context, CancellationToken cancellationToken)
    {
        var fault = context.Message;
        var message = fault.Message;
        var host = fault.Host is { } h ? h.Assembly ?? h.ProcessName : null;
        await incidents.RecordAsync(IncidentMessages.KindOf(typeof(TMessage)), message.ProcedureId, message.TenantId,
            OutboxWriter.MessageTypeName(typeof(TMessage)), fault.FaultedMessageId, JsonSerializer.Serialize(message, IncidentMessages.Json),
            IncidentMessages.Describe(fault.Exceptions), IncidentMessages.Details(fault.Exceptions), host, cancellationToken);
    }
}

/// <summary>All fault consumers share the incidents endpoint (one queue, not one per message type).</summary>
public sealed class MessageFaultConsumerDefinition<TMessage> : ConsumerDefinition<MessageFaultConsumer<TMessage>>, IConsumerDefinition
    where TMessage : class, IProcedureMessage
{
    string IConsumerDefinition.GetEndpointName(IEndpointNameFormatter formatter) => formatter.Consumer<ProcedureStepFailedConsumer>();
}

/// <summary>A message a service's outbox dead-lettered: an incident on the procedure it belongs to.</summary>
public sealed class ProcedureStepFailedConsumer(WorkflowDbContext db, IncidentRecorder incidents) : InboxConsumer<ProcedureStepFailed, WorkflowDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<ProcedureStepFailed> context, CancellationToken cancellationToken)
    {
        var failed = context.Message;
        await incidents.RecordAsync(IncidentKinds.Outbox, failed.ProcedureId, failed.TenantId, failed.MessageType, failed.MessageId, failed.Body,
            $"dead-lettered after {failed.Attempts} attempts: {failed.Reason}", exception: null, failed.Service, cancellationToken);
    }
}

/// <summary>What skipping a step answers with: the port to continue on and why.</summary>
/// <param name="Port">The outcome port the procedure continues on, e.g. Passed or Failed.</param>
/// <param name="Reason">Why the step is skipped (recorded in the journal, C1).</param>
public sealed record SkipIncidentRequest(string? Port, string? Reason);

/// <summary>
/// Retry and skip of an incident, each journaled on the instance with the actor.
/// <list type="bullet">
/// <item><b>activity</b> (an activity threw, a timer was parked): retry runs the instance again from the failed activity or makes its
/// parked timers due (as <c>POST /instances/{id}/retry</c>); skip is refused (cancel the instance, or fix and retry).</item>
/// <item><b>command</b>: retry sends the command again (through the outbox, a new message id); skip completes the waiting step as if
/// the service had answered on the port the caller names, by default the step's failure port (<c>Failed</c>, else <c>Refused</c>).</item>
/// <item><b>result</b>: retry applies the kept result again (the waiting step resumes on the result's own port); skip as for a command.</item>
/// <item><b>event</b>: retry applies the kept event again (starts or resumes what it would have); skip discards it.</item>
/// <item><b>outbox</b>: retry requeues the row when this server's own outbox dead-lettered it (same message id), else applies a
/// dead-lettered result or event here (a type this server does not know: requeue the row in its service); skip as for its kind
/// when a step waits for it, else discards it (the row stays dead-lettered).</item>
/// </list>
/// </summary>
public sealed class IncidentActions(WorkflowDbContext db, WorkflowRuntime runtime, CompiledDefinitions compiled, TimeProvider time)
{
    public async Task<Incident> RetryAsync(Guid incidentId, Guid? instanceId, string tenantId, string actor, CancellationToken ct)
    {
        var (incident, instance) = await FindAsync(incidentId, instanceId, tenantId, ct);
        var now = time.GetUtcNow();
        if (incident.Kind == IncidentKinds.Activity || incident.MessageBody is null || incident.MessageType is null)
        {
            if (instance is null) throw new Orchestration.ServiceDefaults.Http.StateConflictException($"Incident {incidentId} has no instance to retry.");
            db.ChangeTracker.Clear(); // the runtime locks and reads the instance and its waits itself
            await runtime.RetryAsync(instance.Id, tenantId, actor, ct); // resolves the instance's open incidents
            var retried = db.Incidents.Local.FirstOrDefault(i => i.Id == incident.Id) ?? await db.Incidents.SingleAsync(i => i.Id == incident.Id, ct);
            retried.Resolution = "retried";
            retried.ResolvedBy = IncidentRecorder.Truncate(actor, 200);
            retried.ResolvedAt ??= now;
            WorkflowMetrics.IncidentActions.Add(1, Tags(retried, "retry"));
            return retried;
        }

        // A row this server's own outbox dead-lettered is requeued as it is: same message id (so a publish that did reach the broker
        // unconfirmed is recognized downstream), after the rows of its partition written since.
        if (incident.MessageId is { } ownId
            && await db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.MessageId == ownId && m.DeadLetteredAt != null, ct) is { } deadLetter)
        {
            deadLetter.DeadLetteredAt = null;
            deadLetter.Attempts = 0;
            deadLetter.NextAttemptAt = null;
            deadLetter.LastError = null;
            Resolve(incident, "retried", actor, now);
            if (instance is not null)
                await JournalAsync(instance, incident, "IncidentRetried", actor, $"{incident.Kind} incident {incident.Id}: outbox message requeued", ct);
            WorkflowMetrics.IncidentActions.Add(1, Tags(incident, "retry"));
            return incident;
        }

        var type = IncidentMessages.Load(incident.MessageType)
                   ?? throw new Orchestration.ServiceDefaults.Http.StateConflictException(
                       $"{incident.MessageType} is not a message this server knows; requeue the dead-lettered outbox row in {incident.Source ?? "its service"}.");
        var message = (IProcedureMessage)(JsonSerializer.Deserialize(incident.MessageBody, type, IncidentMessages.Json)
                                          ?? throw new Orchestration.ServiceDefaults.Http.StateConflictException($"Incident {incidentId} kept an empty message."));
        Resolve(incident, "retried", actor, now);
        var step = instance is null ? null : await StepTokenAsync(instance.Id, incident.ActivityId, ct);
        if (instance is not null)
            await JournalAsync(instance, incident, "IncidentRetried", actor, $"{incident.Kind} incident {incident.Id}: {type.Name} again", ct);
        await HandOverAsync(ct);

        var consumer = ConsumerOf(type);
        if (IncidentMessages.ResultTypeOf(type) is not null)
            // The command, to its service again (its consumer rolled back), for the step that still waits.
            db.PublishViaOutbox(message, partitionKey: message.ProcedureId.ToString(), stepToken: step);
        else if (incident.MessageId is { } applied && consumer is not null
                 && await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == applied && m.Consumer == consumer, ct))
        {
            // The message was applied after all (a redelivery got through): nothing to do again.
        }
        else
        {
            switch (message)
            {
                case IDomainResult result:
                    await runtime.DeliverResultAsync(result, ct, step);
                    break;
                case WorkflowEventPublished named:
                    await runtime.RaiseEventAsync(named.TenantId, named.EventName, named.CorrelationKey,
                        named.PayloadJson is null ? null : JsonNode.Parse(named.PayloadJson), actor, ct);
                    break;
                case IServiceEvent fact:
                    await runtime.AnnounceAsync(fact, JsonSerializer.SerializeToNode(message, type, IncidentMessages.Json), ct);
                    break;
                default:
                    throw new Orchestration.ServiceDefaults.Http.StateConflictException($"{type.Name} cannot be applied by the workflow server.");
            }
            // The faulted delivery, if an operator replays it from an error queue later, is recognized as applied.
            if (incident.MessageId is { } messageId && consumer is not null)
                db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ReceivedAt = now });
        }
        WorkflowMetrics.IncidentActions.Add(1, Tags(incident, "retry"));
        return incident;
    }

    public async Task<Incident> SkipAsync(Guid incidentId, Guid? instanceId, string tenantId, string actor, SkipIncidentRequest request, CancellationToken ct)
    {
        var (incident, instance) = await FindAsync(incidentId, instanceId, tenantId, ct);
        if (incident.Kind == IncidentKinds.Activity)
            throw new Orchestration.ServiceDefaults.Http.StateConflictException(
                "An activity incident cannot be skipped: retry it once the cause is fixed, or cancel the instance.");
        var now = time.GetUtcNow();
        var waiting = instance is null || incident.ActivityId.Length == 0 ? null
            : await db.Bookmarks.FirstOrDefaultAsync(b => b.InstanceId == instance.Id && b.Kind == BookmarkKinds.DomainResult && b.ActivityId == incident.ActivityId, ct);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        Resolve(incident, "skipped", actor, now);

        if (waiting is null)
        {
            if (incident.Kind is IncidentKinds.Command or IncidentKinds.Result && instance is not null)
                throw new Orchestration.ServiceDefaults.Http.StateConflictException($"No step of instance {instance.Id} waits at {incident.ActivityId} any more.");
            // Nothing waits for it (an event): the message is discarded.
            if (instance is not null)
                await JournalAsync(instance, incident, "IncidentSkipped", actor, $"{incident.Kind} incident {incident.Id}: message discarded" + (reason is null ? "" : $"; {reason}"), ct);
            WorkflowMetrics.IncidentActions.Add(1, Tags(incident, "skip"));
            return incident;
        }

        var port = await PortAsync(instance!, incident.ActivityId, request.Port, ct);
        await JournalAsync(instance!, incident, "IncidentSkipped", actor, $"{incident.Kind} incident {incident.Id}: step completed on {port}" + (reason is null ? "" : $"; {reason}"), ct);
        await HandOverAsync(ct);
        var payload = new JsonObject
        {
            ["procedureId"] = instance!.Id, ["tenantId"] = instance.TenantId, ["outcome"] = port, ["ruleId"] = null,
            ["reason"] = $"Skipped by {actor}" + (reason is null ? "" : $": {reason}"), ["skippedIncidentId"] = incident.Id,
        };
        await runtime.ResumeAsync(waiting, payload, actor, ct);
        WorkflowMetrics.IncidentActions.Add(1, Tags(incident, "skip"));
        return incident;
    }

    /// <summary>The port a skipped step continues on: the caller's, which the step must declare, or its failure port.</summary>
    async Task<string> PortAsync(WorkflowInstance instance, string activityId, string? requested, CancellationToken ct)
    {
        var node = (await compiled.GetAsync(db, instance.DefinitionVersionId, ct)).Flowchart.Activities.GetValueOrDefault(activityId);
        var ports = ActivityRegistry.CreateDefault().DomainActivities.FirstOrDefault(a => a.TypeName == node?.Type)?.Descriptor["ports"]?.AsArray()
            .Select(p => p?["name"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var port = ports.FirstOrDefault(p => string.Equals(p, requested.Trim(), StringComparison.OrdinalIgnoreCase));
            return port ?? throw new Orchestration.ServiceDefaults.Http.RuleViolationException("port", "port",
                $"The step {activityId} has no port {requested}; it has {string.Join(", ", ports)}.");
        }
        return ports.FirstOrDefault(p => p == Outcomes.Failed) ?? ports.FirstOrDefault(p => p == "Refused")
               ?? throw new Orchestration.ServiceDefaults.Http.RuleViolationException("port", "port",
                   $"The step {activityId} has no failure port; name the port to continue on ({string.Join(", ", ports)}).");
    }

    async Task<(Incident Incident, WorkflowInstance? Instance)> FindAsync(Guid incidentId, Guid? instanceId, string tenantId, CancellationToken ct)
    {
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, ct);
        var instance = incident is null || incident.InstanceId == Guid.Empty ? null
            : await db.Instances.SingleOrDefaultAsync(i => i.Id == incident.InstanceId && i.TenantId == tenantId, ct);
        var visible = incident is not null && (instance is not null || (incident.InstanceId == Guid.Empty && incident.TenantId == tenantId))
                      && (instanceId is null || instanceId == incident.InstanceId);
        if (!visible) throw new Orchestration.ServiceDefaults.Http.NotFoundException($"No incident {incidentId}.");
        if (incident!.ResolvedAt is not null)
            throw new Orchestration.ServiceDefaults.Http.StateConflictException($"Incident {incidentId} was already resolved ({incident.Resolution ?? "retried"}).");
        return (incident, instance);
    }

    /// <summary>Journals the action before the runtime continues the instance, which then chains its entries after it.</summary>
    async Task JournalAsync(WorkflowInstance instance, Incident incident, string eventName, string actor, string message, CancellationToken ct)
    {
        var journal = await JournalWriter.OpenAsync(db, instance.Id, ct);
        journal.Append(time.GetUtcNow(), eventName, incident.ActivityId.Length == 0 ? null : incident.ActivityId, message: message, actor: actor,
            cadreId: instance.CadreId);
        instance.UpdatedAt = time.GetUtcNow();
        instance.Revision++;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Saves what the action changed so far and forgets it, so the runtime locks and reads the instance and its waits afresh (it
    /// loads the waits of an instance only when it reads the instance itself).
    /// </summary>
    async Task HandOverAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The token of the step waiting at <paramref name="activityId"/>, which the command and its answer carry.</summary>
    async Task<string?> StepTokenAsync(Guid instanceId, string activityId, CancellationToken ct)
    {
        if (activityId.Length == 0) return null;
        var payload = await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKinds.DomainResult && b.ActivityId == activityId)
            .Select(b => b.PayloadJson).FirstOrDefaultAsync(ct);
        return payload is not null && JsonNode.Parse(payload)?["step"] is JsonValue value && value.TryGetValue<string>(out var step) ? step : null;
    }

    static void Resolve(Incident incident, string resolution, string actor, DateTimeOffset now)
    {
        incident.ResolvedAt = now;
        incident.Resolution = resolution;
        incident.ResolvedBy = IncidentRecorder.Truncate(actor, 200);
    }

    static string? ConsumerOf(Type type) =>
        type == typeof(WorkflowEventPublished) ? InboxKeys.StableName(typeof(WorkflowEventConsumer))
        : type.IsAssignableTo(typeof(IDomainResult)) ? InboxKeys.StableName(typeof(DomainResultConsumer<>).MakeGenericType(type))
        : type.IsAssignableTo(typeof(IServiceEvent)) ? InboxKeys.StableName(typeof(ServiceEventConsumer<>).MakeGenericType(type))
        : null;

    static KeyValuePair<string, object?>[] Tags(Incident incident, string action) => [new("kind", incident.Kind), new("action", action)];
}
