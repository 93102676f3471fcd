using Orchestration.ServiceDefaults.Commands;
using FluentValidation;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.ServiceDefaults.Commands;

/// <summary>Why a procedure's command was refused: the rule (null when no DOMAIN.md rule applies) and the reason.</summary>
public sealed record CommandRefusal(string? RuleId, string Reason);

/// <summary>
/// A procedure's step over the bus, through the service's <see cref="CommandPipeline"/>: the command is checked by the same
/// validator as over HTTP and applied with the person who caused it as actor (header <see cref="CommandActor.Header"/>; a procedure
/// with no person behind it is the actor <c>workflow:&lt;id&gt;</c>). Where HTTP would answer 400, 404 or 409, the procedure gets the
/// step's result event with the refusing rule instead, so it goes on from the refusal's port rather than waiting for an answer that
/// never comes, and nothing of the refused step is stored. Consumers stay thin: they name the step's rule, apply the command
/// through the capability's service and build the refusal's result.
/// </summary>
public abstract class CommandConsumer<TCommand, TDbContext>(TDbContext db) : InboxConsumer<TCommand, TDbContext>(db)
    where TCommand : class, IProcedureMessage
    where TDbContext : DbContext
{
    /// <summary>The rule the step applies; the answer names it when the refusal names none (an unknown unit, say).</summary>
    protected abstract string StepRule { get; }

    /// <summary>Applies the command as <paramref name="actor"/>: changes <c>Db</c> and publishes through the outbox; does not save.</summary>
    protected abstract Task Apply(TCommand command, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// The step's result event with the Failed or Refused outcome its activity declares, and its outbox partition; null when the
    /// refusal needs no answer.
    /// </summary>
    protected abstract (object Result, string? PartitionKey)? Refused(TCommand command, CommandRefusal refusal);

    protected override async Task ConsumeOnce(ConsumeContext<TCommand> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        var actor = CommandActor.Current ?? $"workflow:{command.ProcedureId}";
        var pipeline = context.TryGetPayload<IServiceProvider>(out var services) ? services.GetService<CommandPipeline>() : null;
        using var measured = CommandPipeline.Measure(command, "bus");
        using var acting = CommandActor.Use(actor);
        var refusal = await CommandRefusals.Capture(Db, async () =>
        {
            if (pipeline is not null) await pipeline.ValidateAsync(command, cancellationToken);
            await Apply(command, actor, cancellationToken);
            // A fact no procedure asked for (a verification the discipline commission sent, say) is in no journal: the cadre's
            // record hears of it from here. A procedure's step is in its journal already.
            if (command.ProcedureId == Guid.Empty && command is not Contracts.ICadreMessage) pipeline?.RecordFacts(Db, command, actor);
        }, StepRule);
        if (refusal is null)
        {
            measured.Applied();
            return;
        }

        measured.Refused(refusal.RuleId);
        if (Refused(command, refusal) is var (result, partitionKey))
            Db.PublishViaOutbox(result, partitionKey);
    }
}

public static class CommandRefusals
{
    /// <summary>
    /// Runs a step. A refusal (a rule, an invalid command, an unknown reference, a wrong state) is returned with the unit of work
    /// emptied; anything else (the database unreachable, a concurrent write) propagates so the message is retried.
    /// </summary>
    public static async Task<CommandRefusal?> Capture(DbContext db, Func<Task> step, string? stepRule = null)
    {
        try
        {
            await step();
            return null;
        }
        catch (Exception ex) when (Refusal(ex, stepRule) is { } refusal)
        {
            db.ChangeTracker.Clear(); // the inbox row is added after the step, so only it and the answer are saved
            return refusal;
        }
    }

    public static CommandRefusal? Refusal(Exception ex, string? stepRule = null) => ex switch
    {
        RuleViolationException rule => new(rule.RuleId, rule.Message),
        ValidationException { Errors: var errors } when errors.Any() =>
            (errors.FirstOrDefault(f => RuleIds.IsRuleId(f.ErrorCode)) ?? errors.First()) is var failure
                ? new(RuleIds.IsRuleId(failure.ErrorCode) ? failure.ErrorCode : stepRule, $"{failure.PropertyName}: {failure.ErrorMessage}")
                : null,
        RequestValidationException invalid => new(stepRule, string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
        NotFoundException missing => new(stepRule, missing.Message),
        ScopeRefusedException scope => new(scope.Rule, scope.Message),
        StateConflictException conflict => new(conflict.RuleId ?? stepRule, conflict.Message),
        _ => null,
    };
}
