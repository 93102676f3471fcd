using Orchestration.ServiceDefaults.Commands;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.ServiceDefaults.Commands;

/// <summary>
/// The one way a service applies a command, whether it came over HTTP or over the bus: the same checks (the text, date and enum
/// checks every input gets, then the command's FluentValidation validator, whose error codes are rule ids), then the change and
/// its outbox messages in one commit, with one span and one count per command. A refusal stores nothing: over HTTP it is a
/// problem-details 4xx naming field and rule (<see cref="ProblemAnswers"/>), over the bus the step's Refused or Failed result
/// (<see cref="CommandConsumer{TCommand,TDbContext}"/>).
/// </summary>
public sealed class CommandPipeline(IServiceProvider services)
{
    readonly TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;

    static readonly Counter<long> Commands = OrchestrationTelemetry.Meter.CreateCounter<long>(
        "orchestration.commands", description: "Commands applied or refused, by command, door (http or bus), outcome and refusing rule.");

    static readonly Histogram<double> Duration = OrchestrationTelemetry.Meter.CreateHistogram<double>(
        "orchestration.command.duration", unit: "ms", description: "Time to check and apply a command.");

    /// <summary>Checks the command as every door does; throws <see cref="ValidationException"/> naming each field and rule.</summary>
    public async Task ValidateAsync<TCommand>(TCommand command, CancellationToken ct) where TCommand : class
    {
        var validator = services.GetService<IValidator<TCommand>>();
        if (SaneInput.Check(command) is { Count: > 0 } insane)
        {
            // The field is refused either way; where the command's own rule covers it (an undefined ground is N1), say which rule.
            var rules = validator is null ? [] : await RulesOf(validator, command, ct);
            foreach (var failure in insane)
                if (rules.TryGetValue(failure.PropertyName, out var rule)) failure.ErrorCode = rule;
            throw new ValidationException(insane);
        }
        if (validator is not null && await validator.ValidateAsync(command, ct) is { IsValid: false } result)
            throw new ValidationException(result.Errors);
    }

    /// <summary>The rule ids the validator names per field, for input it may not be able to check in full.</summary>
    static async Task<Dictionary<string, string>> RulesOf<TCommand>(IValidator<TCommand> validator, TCommand command, CancellationToken ct)
    {
        try
        {
            return (await validator.ValidateAsync(command, ct)).Errors.Where(f => RuleIds.IsRuleId(f.ErrorCode))
                .GroupBy(f => f.PropertyName, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().ErrorCode, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return []; // a validator that cannot read the input: the field is still refused, without a rule
        }
    }

    /// <summary>
    /// C1: puts in the outbox the full-process record's entry of each record the command added or changed that is a cadre's fact by
    /// itself (<see cref="ICadreRecordFact"/>), as <paramref name="actor"/> recorded it; the caller saves.
    /// </summary>
    public void RecordFacts(DbContext db, object command, string actor)
    {
        foreach (var fact in CadreRecord.FactsOf(db))
            db.PublishViaOutbox(CadreRecord.Of(db, fact, command, actor, time.GetUtcNow()), partitionKey: fact.CadreId.ToString());
    }

    /// <summary>
    /// Checks and applies a command received over HTTP, as <paramref name="actor"/>, and commits what <paramref name="apply"/> added
    /// to <paramref name="db"/> (records and outbox messages) in one transaction. A refusal propagates to the problem-details answer.
    /// <paramref name="authorize"/>, when given, judges the caller's scope over the command once it is known to be valid (an invalid
    /// command is refused as such, whoever sends it) and throws <see cref="ScopeRefusedException"/> to refuse it.
    /// <paramref name="fields"/> names, per command property, the request field it came from where the two differ, so the
    /// refusal names the field the caller sent.
    /// </summary>
    public async Task<TResult> ExecuteAsync<TCommand, TResult>(DbContext db, TCommand command, string actor,
        Func<TCommand, string, CancellationToken, Task<TResult>> apply, CancellationToken ct,
        Func<TCommand, CancellationToken, Task>? authorize = null, IReadOnlyDictionary<string, string>? fields = null) where TCommand : class
    {
        using var measured = Measure(command, "http");
        using var acting = CommandActor.Use(actor); // the result events carry the person who recorded the fact
        try
        {
            try
            {
                await ValidateAsync(command, ct);
            }
            catch (ValidationException invalid) when (fields is { Count: > 0 })
            {
                foreach (var failure in invalid.Errors)
                    if (fields.TryGetValue(failure.PropertyName, out var field)) failure.PropertyName = field;
                throw;
            }
            if (authorize is not null) await authorize(command, ct);
            async Task<TResult> ApplyAndSave()
            {
                var applied = await apply(command, actor, ct);
                if (command is Orchestration.Contracts.ICadreMessage { CadreId: var cadreId } cadreFact && cadreId != Guid.Empty)
                    db.PublishViaOutbox(CadreRecord.Of(db, cadreFact, applied, actor, time.GetUtcNow()), partitionKey: cadreId.ToString());
                else
                    RecordFacts(db, command, actor);
                await db.SaveChangesAsync(ct);
                return applied;
            }

            // Inside a unit of work already open (an Idempotency-Key request keeps its answer in the same commit) it joins that one.
            var result = db.Database.CurrentTransaction is not null
                ? await ApplyAndSave()
                : await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var applied = await ApplyAndSave();
                    await transaction.CommitAsync(ct);
                    return applied;
                });
            measured.Applied();
            return result;
        }
        catch (Exception ex) when (CommandRefusals.Refusal(ex) is { } refusal)
        {
            db.ChangeTracker.Clear(); // nothing of a refused command stays in the unit of work
            measured.Refused(refusal.RuleId);
            throw;
        }
    }

    /// <summary>Counts and times one command through <paramref name="door"/> (http or bus), in a span named after it.</summary>
    internal static Measurement Measure(object command, string door) => new(command.GetType().Name, door);

    internal sealed class Measurement : IDisposable
    {
        readonly string command;
        readonly string door;
        readonly Activity? span;
        readonly long started = Stopwatch.GetTimestamp();
        string outcome = "failed";
        string? rule;

        public Measurement(string command, string door)
        {
            this.command = command;
            this.door = door;
            span = OrchestrationTelemetry.Source.StartActivity($"command {command}");
            span?.SetTag("command.name", command);
            span?.SetTag("command.door", door);
        }

        public void Applied() => outcome = "applied";

        public void Refused(string? ruleId)
        {
            outcome = "refused";
            rule = ruleId;
            span?.SetTag("command.rule", ruleId);
            span?.SetStatus(ActivityStatusCode.Ok, $"refused{(ruleId is null ? "" : $" by {ruleId}")}");
        }

        public void Dispose()
        {
            var tags = new TagList { { "command", command }, { "door", door }, { "outcome", outcome }, { "rule", rule ?? "" } };
            Commands.Add(1, tags);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            span?.SetTag("command.outcome", outcome);
            span?.Dispose();
        }
    }
}
