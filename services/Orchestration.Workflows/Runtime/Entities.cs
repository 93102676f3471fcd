using System.Text.Json.Serialization;

namespace Orchestration.Workflows.Runtime;

/// <summary>One version of a workflow definition, stored as Elsa JSON. Published versions never change.</summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>The version id (Elsa's <c>id</c>).</summary>
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    /// <summary>
    /// The county that owns the version, or <see cref="DefinitionTenancy.SharedLibrary"/> (empty) for the procedures shipped in
    /// <c>workflows/</c>: a read-only library every tenant runs until its administrator saves a version of its own.
    /// </summary>
    public string TenantId { get; set; } = DefinitionTenancy.SharedLibrary;

    public int Version { get; set; }

    /// <summary>Optimistic concurrency of the draft (the ETag): two saves of one draft cannot both win.</summary>
    public int Revision { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    Running,
    Suspended,
    Finished,
    Faulted,
    Cancelled,
}

/// <summary>Who owns a workflow definition: one county, or the shared library of the procedures kept with the product.</summary>
public static class DefinitionTenancy
{
    public const string SharedLibrary = "";

    /// <summary>The version id: <c>{definitionId}-v{n}</c> in the shared library, <c>{definitionId}-v{n}-{tenant}</c> for a county's own.</summary>
    public static string VersionId(string definitionId, int version, string tenantId) =>
        tenantId == SharedLibrary ? $"{definitionId}-v{version}" : $"{definitionId}-v{version}-{tenantId}";
}

/// <summary>A running procedure. It stays on the definition version it started on.</summary>
public sealed class WorkflowInstance
{
    /// <summary>Also the procedure's correlation id: every message of the procedure carries it as ProcedureId.</summary>
    public Guid Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    public required string TenantId { get; set; }

    public Guid? CadreId { get; set; }

    /// <summary>
    /// The batch the instance was started in, from its input's <c>batchId</c>: the motion (调整方案) whose posts started one
    /// appointment procedure each (N9). Null for an instance started alone.
    /// </summary>
    public Guid? BatchId { get; set; }

    /// <summary>
    /// The instance whose Execute Workflow or Dispatch Workflow started this one (Elsa's parent workflow instance id), always of the
    /// same county; null for an instance started otherwise.
    /// </summary>
    public Guid? ParentId { get; set; }

    public WorkflowStatus Status { get; set; }

    /// <summary>Variables, input, the last result and branch bookkeeping (<see cref="InstanceState"/>) as JSON.</summary>
    public required string StateJson { get; set; }

    public int IncidentCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency: two hosts cannot both advance the same instance.</summary>
    public int Revision { get; set; }
}

/// <summary>What a blocked activity waits for. A timer bookmark is claimed with SKIP LOCKED and deleted as it fires.</summary>
public sealed class BookmarkRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string Kind { get; set; }

    public required string Key { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public string? PayloadJson { get; set; }

    /// <summary>The trace of the run that created the wait, so the resume links back to it.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Times a timer failed to fire (its batch is fired without it meanwhile); at the limit it is parked with an incident.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// C1 — one step of the full-process record: append-only, hash-chained to the entry before it, with the actor and role where a
/// person acted (C2).
/// </summary>
public sealed class JournalEntry
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public int Sequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string EventName { get; set; }

    public string? ActivityId { get; set; }

    public string? ActivityType { get; set; }

    public string? ActivityName { get; set; }

    public string? Actor { get; set; }

    public string? Role { get; set; }

    public Guid? CadreId { get; set; }

    public string? Message { get; set; }

    public string? PayloadJson { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>
/// Something a procedure cannot get past by itself: an activity that threw or a timer that could not fire (the instance is Faulted
/// until it is retried), or a message of the procedure that could not be handled — a command its service could not apply, a
/// result or event the workflow server could not consume, a message a service's outbox dead-lettered. A message incident keeps
/// the message, so it survives a restart (the embedded mode's in-memory error queues do not) and can be sent again or skipped.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    /// <summary>The instance; <see cref="Guid.Empty"/> for a message that names no procedure of its tenant (a service event).</summary>
    public Guid InstanceId { get; set; }

    /// <summary>What failed: one of <see cref="IncidentKinds"/>.</summary>
    public string Kind { get; set; } = IncidentKinds.Activity;

    /// <summary>The tenant of the message (set on message incidents; the instance's tenant otherwise).</summary>
    public string? TenantId { get; set; }

    public required string ActivityId { get; set; }

    public required string Message { get; set; }

    public string? Exception { get; set; }

    /// <summary>The message that could not be handled: its type (full name and assembly, no version), id and JSON body.</summary>
    public string? MessageType { get; set; }

    public Guid? MessageId { get; set; }

    public string? MessageBody { get; set; }

    /// <summary>Who reported it: the service or host whose consumer faulted, or whose outbox dead-lettered the message.</summary>
    public string? Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary><c>retried</c> or <c>skipped</c> (null when resolved by retrying the whole instance).</summary>
    public string? Resolution { get; set; }

    public string? ResolvedBy { get; set; }
}

/// <summary>The kinds of <see cref="Incident"/>.</summary>
public static class IncidentKinds
{
    /// <summary>An activity threw (also a timer parked after its attempts): retry runs the instance again from there.</summary>
    public const string Activity = "activity";

    /// <summary>A domain service's consumer faulted on the step's command after its retries (<c>Fault&lt;TCommand&gt;</c>).</summary>
    public const string Command = "command";

    /// <summary>The workflow server's consumer faulted on a domain result after its retries (<c>Fault&lt;TResult&gt;</c>).</summary>
    public const string Result = "result";

    /// <summary>The workflow server's consumer faulted on a service event or a named event after its retries.</summary>
    public const string Event = "event";

    /// <summary>A service's outbox dead-lettered a message of the procedure (<c>ProcedureStepFailed</c>).</summary>
    public const string Outbox = "outbox";
}

/// <summary>A result or event that matched no waiting procedure: kept for the record, applied to nothing.</summary>
public sealed class UnmatchedMessage
{
    public Guid Id { get; set; }

    public required string MessageType { get; set; }

    public Guid ProcedureId { get; set; }

    public required string TenantId { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// A fact recorded for a procedure before the procedure reached the step that waits for it (a ballot entered while the deliberation
/// is still open, say): kept until that step is reached, then applied, or until it expires. Listed at
/// <c>GET /api/workflows/waiting-facts</c>, so a department sees what was recorded and is not yet applied.
/// </summary>
public sealed class WaitingFact
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>The kind of wait it is for: <c>DomainResult</c> (a fact a service recorded) or an Event.</summary>
    public required string Kind { get; set; }

    /// <summary>The bookmark key of the wait it is for.</summary>
    public required string Key { get; set; }

    /// <summary>The result type or event name, for people.</summary>
    public required string Name { get; set; }

    public string? PayloadJson { get; set; }

    /// <summary>Who recorded it: the actor of the procedure's run when it is applied.</summary>
    public required string Actor { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
