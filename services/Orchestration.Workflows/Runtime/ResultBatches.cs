using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Runtime;

/// <summary>A service's answer as it arrived, waiting to be applied in a batch.</summary>
/// <param name="Consumer">The inbox key of the consumer that received it (<see cref="InboxKeys.StableName"/>).</param>
/// <param name="LegacyConsumer">The key the consumer's rows were written under before the key was stable.</param>
/// <param name="StepToken">The step token header (<see cref="ServiceDefaults.Messaging.StepToken"/>), when the answer is to a command.</param>
/// <param name="Actor">Who caused the answer (<see cref="CommandActor"/>), when the service said.</param>
/// <param name="Trace">The consume activity, so what the answer causes stays in its trace.</param>
public sealed record ArrivedResult(IDomainResult Result, Guid MessageId, string Consumer, string LegacyConsumer, string? StepToken, string? Actor, Activity? Trace)
{
    internal TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Applies the services' answers in micro-batches: the answers that arrived while the last batch was being applied are applied
/// together in one transaction: their inbox rows in one statement, their instances locked (in id order), their waits and journal
/// heads read in one query each, one save and one commit, where each answer alone would pay all of them. Nothing waits for a batch
/// to fill: a lane takes what has arrived. Each answer's consumer learns the outcome of its own answer: when a batch cannot commit,
/// its answers are applied again one by one, each in its own transaction, so one answer that fails fails alone (and is retried or
/// becomes an incident as before) and the others are applied.
/// <para>
/// One procedure's answers always go to the same lane, so they are applied in the order they were handed in: a later answer never
/// commits beside an earlier one in another lane. The bus hands them in in about the order it delivers them, not exactly: a step that
/// must take one fact of several of a kind says which (<see cref="Activities.DomainFactActivity"/>).
/// </para>
/// </summary>
public sealed class ResultBatches(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<ResultBatches> logger)
    : IAsyncDisposable, IDisposable
{
    readonly CancellationTokenSource stopping = new();
    readonly Lock starting = new();
    volatile Channel<ArrivedResult>[]? arrived;
    Task[]? lanes;

    /// <summary>Applies the answer exactly once (or finds it applied already); completes when its transaction has committed.</summary>
    public Task ApplyAsync(ArrivedResult result)
    {
        var lanesArrived = arrived ?? Start();
        var taken = lanesArrived.Length > 0
                    && lanesArrived[(int)((uint)result.Result.ProcedureId.GetHashCode() % (uint)lanesArrived.Length)].Writer.TryWrite(result);
        if (!taken) result.Applied.TrySetException(new ObjectDisposedException(nameof(ResultBatches)));
        return result.Applied.Task;
    }

    Channel<ArrivedResult>[] Start()
    {
        lock (starting)
        {
            if (arrived is { } started) return started;
            using var scope = scopes.CreateScope();
            // SQLite has one writer: one lane. PostgreSQL: lanes side by side, each locking its instances in id order.
            var count = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.IsNpgsql() ? Math.Max(1, options.Value.ResultLanes) : 1;
            Channel<ArrivedResult>[] channels = [.. Enumerable.Range(0, count).Select(_ => Channel.CreateUnbounded<ArrivedResult>(new UnboundedChannelOptions { SingleReader = true }))];
            // The lanes outlive the delivery that starts them: they must not carry its trace, step or person (its execution context)
            // into every batch after it.
            using (ExecutionContext.SuppressFlow())
                lanes = [.. channels.Select(channel => Task.Run(() => LaneAsync(channel.Reader, stopping.Token)))];
            arrived = channels;
            return channels;
        }
    }

    async Task LaneAsync(ChannelReader<ArrivedResult> reader, CancellationToken cancellationToken)
    {
        var batch = new List<ArrivedResult>();
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < Math.Max(1, options.Value.ResultBatchSize) && reader.TryRead(out var next)) batch.Add(next);
                if (batch.Count > 0) await ApplyBatchAsync(batch, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var left in batch) left.Applied.TrySetCanceled(cancellationToken);
        }
    }

    /// <summary>Applies the results as one batch, else one by one; each result's <see cref="ArrivedResult.Applied"/> tells its outcome.</summary>
    internal async Task ApplyBatchAsync(List<ArrivedResult> batch, CancellationToken cancellationToken)
    {
        try
        {
            await InTransactionAsync(batch, cancellationToken);
            foreach (var result in batch) result.Applied.TrySetResult();
            WorkflowMetrics.ResultBatchSize.Record(batch.Count);
            return;
        }
        catch (Exception ex) when (batch.Count > 1 && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation(ex, "A batch of {Count} results could not commit; applying them one by one", batch.Count);
        }
        catch (Exception ex)
        {
            batch[0].Applied.TrySetException(ex);
            return;
        }

        foreach (var result in batch)
        {
            try
            {
                await InTransactionAsync([result], cancellationToken);
                result.Applied.TrySetResult();
            }
            catch (Exception ex)
            {
                result.Applied.TrySetException(ex);
            }
        }
    }

    async Task InTransactionAsync(IReadOnlyList<ArrivedResult> batch, CancellationToken cancellationToken)
    {
        // The batch's own work (the inbox claim, the locks, the save) belongs to no one answer: its span is a root linked to each
        // answer's trace; what each answer causes stays in the trace it arrived with.
        var links = batch.Where(r => r.Trace is { IsStopped: false }).Select(r => new ActivityLink(r.Trace!.Context)).ToList();
        using var span = WorkflowEngine.Telemetry.StartActivity("apply answers", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("workflow.answers", batch.Count);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>(); // keyed by tracked instance: a retry reads them afresh
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Database.AutoSavepointsEnabled = false; // the batch is retried or split whole, never continued
            var claimed = await InboxRows.ClaimManyAsync(db, batch.Select(r => (r.MessageId, r.Consumer, r.LegacyConsumer)).ToList(), time.GetUtcNow(),
                cancellationToken);
            var apply = new List<ArrivedResult>();
            foreach (var result in batch)
            {
                if (claimed.Remove((result.MessageId, result.Consumer))) apply.Add(result);
                else Duplicate(result);
            }
            await runtime.PrepareAsync([.. apply.Select(r => r.Result.ProcedureId).Where(id => id != Guid.Empty)], cancellationToken);
            foreach (var result in apply)
            {
                var outer = Activity.Current;
                if (result.Trace is { IsStopped: false }) Activity.Current = result.Trace;
                try
                {
                    using var step = StepToken.Use(result.StepToken); // what the answer causes carries its step and person on
                    using var actor = CommandActor.Use(result.Actor);
                    await runtime.DeliverResultAsync(result.Result, cancellationToken, result.StepToken, result.Actor);
                }
                finally
                {
                    Activity.Current = outer;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    void Duplicate(ArrivedResult result)
    {
        logger.LogInformation("{Message} {MessageId} was already applied by {Consumer}; skipped", result.Result.GetType().Name, result.MessageId, result.Consumer);
        Orchestration.ServiceDefaults.Telemetry.InboxMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("message_type", result.Result.GetType().Name));
    }

    public async ValueTask DisposeAsync()
    {
        Complete();
        await stopping.CancelAsync();
        if (lanes is not null) await Task.WhenAll(lanes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Abandon();
    }

    public void Dispose()
    {
        Complete();
        stopping.Cancel();
        if (lanes is not null) Task.WaitAll(lanes.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray());
        Abandon();
    }

    /// <summary>No answer is taken any more; those handed in later fail at once.</summary>
    void Complete()
    {
        lock (starting)
        {
            arrived ??= [];
            foreach (var lane in arrived) lane.Writer.TryComplete();
        }
    }

    /// <summary>Answers never applied: their deliveries fail and the broker delivers them again.</summary>
    void Abandon()
    {
        foreach (var lane in arrived ?? [])
        {
            while (lane.Reader.TryRead(out var left)) left.Applied.TrySetCanceled();
        }
    }
}
