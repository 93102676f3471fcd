namespace Orchestration.Contracts.Workflows;

/// <summary>
/// A procedure's message that a service could not publish: its outbox row was dead-lettered after <c>Outbox:MaxAttempts</c>
/// (an unknown type, an unreadable body, or a publish that kept failing). The workflow server opens an incident on the procedure
/// named by <see cref="ProcedureId"/> (only one of <see cref="TenantId"/>), with the message kept for retry.
/// </summary>
/// <param name="Service">The service (or its database context) whose outbox held the row.</param>
/// <param name="MessageType">The row's message type (full name and assembly, no version).</param>
/// <param name="MessageId">The message id the row would have been published with.</param>
/// <param name="Body">The message as JSON.</param>
/// <param name="Reason">The last error.</param>
public sealed record ProcedureStepFailed(Guid ProcedureId, string TenantId, string Service, string MessageType, Guid MessageId, string Body, string Reason,
    int Attempts) : IProcedureMessage;
