using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Http;

namespace Orchestration.Nomination;

/// <summary>Why a workflow's command was refused: the rule (null when no DOMAIN.md rule applies) and the reason.</summary>
public sealed record CommandRefusal(string? RuleId, string Reason);

internal static class CommandRefusals
{
    /// <summary>
    /// Runs a command's step. A refusal (a rule, an invalid command, an unknown reference, a wrong state) is returned, with the
    /// unit of work emptied, so the consumer answers Failed instead of sending the message to the error queue. Anything else
    /// (the database, a concurrency conflict) propagates and the message is retried.
    /// </summary>
    public static async Task<CommandRefusal?> Capture(DbContext db, Func<Task> step)
    {
        try
        {
            await step();
            return null;
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            db.ChangeTracker.Clear();
            return refusal;
        }
    }

    static CommandRefusal? Refusal(Exception ex) => ex switch
    {
        RuleViolationException rule => new(rule.RuleId, rule.Message),
        ValidationException invalid when invalid.Errors.Any() =>
            (invalid.Errors.FirstOrDefault(f => RuleIds.IsRuleId(f.ErrorCode)) ?? invalid.Errors.First()) is var failure
                ? new(RuleIds.IsRuleId(failure.ErrorCode) ? failure.ErrorCode : null, $"{failure.PropertyName}: {failure.ErrorMessage}")
                : null,
        RequestValidationException invalid => new(null, string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
        NotFoundException missing => new(null, missing.Message),
        StateConflictException conflict => new(conflict.RuleId, conflict.Message),
        _ => null,
    };
}
