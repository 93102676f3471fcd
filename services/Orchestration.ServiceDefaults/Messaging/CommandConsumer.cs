using FluentValidation;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Http;

namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>Why a procedure's command was refused: the rule (null when no DOMAIN.md rule applies) and the reason.</summary>
public sealed record CommandRefusal(string? RuleId, string Reason);

/// <summary>
/// A procedure's step over the bus. The capability applies the command exactly as over HTTP; where HTTP would answer 400, 404 or
/// 409, the procedure gets the step's result event with the refusing rule instead, so it goes on from the refusal's port rather
/// than waiting for an answer that never comes, and nothing of the refused step is stored.
/// </summary>
public abstract class CommandConsumer<TCommand, TDbContext>(TDbContext db) : InboxConsumer<TCommand, TDbContext>(db)
    where TCommand : class, IProcedureMessage
    where TDbContext : DbContext
{
    /// <summary>The rule the step applies; the answer names it when the refusal names none (an unknown unit, say).</summary>
    protected abstract string StepRule { get; }

    protected abstract Task Apply(TCommand command, CancellationToken cancellationToken);

    /// <summary>The step's result event with the Failed or Refused outcome its activity declares, and its outbox partition.</summary>
    protected abstract (object Result, string? PartitionKey) Refused(TCommand command, CommandRefusal refusal);

    protected override async Task ConsumeOnce(ConsumeContext<TCommand> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        if (await CommandRefusals.Capture(Db, () => Apply(command, cancellationToken), StepRule) is { } refusal)
        {
            var (result, partitionKey) = Refused(command, refusal);
            Db.PublishViaOutbox(result, partitionKey);
        }
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
        StateConflictException conflict => new(conflict.RuleId ?? stepRule, conflict.Message),
        _ => null,
    };
}
