using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition;

/// <summary>A procedure's step over the bus in the disposition service: a refusal answers the procedure (see the base class).</summary>
public abstract class CommandConsumer<TCommand>(DispositionDbContext db) : CommandConsumer<TCommand, DispositionDbContext>(db)
    where TCommand : class, Orchestration.Contracts.IProcedureMessage;
