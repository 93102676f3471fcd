using Orchestration.Audit.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit;

/// <summary>A procedure's step over the bus in the audit service: a refusal answers the procedure (see the base class).</summary>
public abstract class CommandConsumer<TCommand>(AuditDbContext db) : CommandConsumer<TCommand, AuditDbContext>(db)
    where TCommand : class, Orchestration.Contracts.IProcedureMessage;
