using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>Settings of the workflow runtime (section <c>Workflows</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Where the definitions kept with the product (<c>workflows/*.json</c>) are read from at start-up.</summary>
    public string? DefinitionsDirectory { get; set; }

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int TimerBatchSize { get; set; } = 100;

    /// <summary>
    /// The tenants a definition's timer trigger (Timer, Cron, StartAt with <c>canStartWorkflow</c>) starts an instance for at each
    /// occurrence: the organization units whose procedures follow the calendar.
    /// </summary>
    public string[] TriggerTenants { get; set; } = [];

    /// <summary>Batches fired side by side on PostgreSQL (each claims its own rows); SQLite has one writer and uses one.</summary>
    public int TimerWorkers { get; set; } = 2;
}

/// <summary>
/// Fires due timers. Each batch claims due timer bookmarks with <c>FOR UPDATE SKIP LOCKED</c> and resumes their instances in the
/// same transaction that deletes them, so with any number of server replicas a timer fires exactly once, and a crash before
/// the commit leaves it to fire on the next poll. No timer lives only in memory. Definitions' timer triggers are claimed the same
/// way: an occurrence starts its instances and moves the trigger to its next occurrence in one transaction.
/// </summary>
public sealed class TimerDispatcher(
    IServiceScopeFactory scopes, CompiledDefinitions compiled, TimeProvider time, CountyClock clock, IOptions<WorkflowOptions> options, ILogger<TimerDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var workers = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.IsNpgsql() ? Math.Max(1, options.Value.TimerWorkers) : 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => FireUntilStoppedAsync(stoppingToken), stoppingToken)));
    }

    async Task FireUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var fired = await FireDueAsync(stoppingToken) + await FireDueTriggersAsync(stoppingToken);
                if (fired < options.Value.TimerBatchSize) await Task.Delay(options.Value.TimerPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A conflict with another replica or a database hiccup: the claimed timers were rolled back and stay due.
                logger.LogWarning(ex, "Firing timers failed; retrying");
                await Task.Delay(options.Value.TimerPollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Fires one batch of due timers; returns how many fired.</summary>
    public Task<int> FireDueAsync(CancellationToken cancellationToken) => InClaimingTransactionAsync(
        (db, now, batch) => db.Database.IsNpgsql()
            ? db.Bookmarks.FromSqlInterpolated($"""
                SELECT * FROM bookmarks
                WHERE kind = {BookmarkKinds.Timer} AND due_at <= {now}
                ORDER BY due_at
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """)
            : db.Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer && b.DueAt <= now).OrderBy(b => b.DueAt).Take(batch),
        async (runtime, _, due, _) =>
        {
            await runtime.PrepareAsync(due.Select(b => b.InstanceId).ToList(), cancellationToken);
            foreach (var bookmark in due)
                await runtime.ResumeAsync(bookmark, payload: null, actor: "timer", cancellationToken);
        },
        cancellationToken);

    /// <summary>Fires one batch of due definition triggers; returns how many occurrences fired.</summary>
    public Task<int> FireDueTriggersAsync(CancellationToken cancellationToken) => InClaimingTransactionAsync(
        (db, now, batch) => db.Database.IsNpgsql()
            ? db.Triggers.FromSqlInterpolated($"""
                SELECT * FROM triggers
                WHERE kind = {TriggerKinds.Timer} AND due_at <= {now}
                ORDER BY due_at
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """)
            : db.Triggers.Where(t => t.Kind == TriggerKinds.Timer && t.DueAt <= now).OrderBy(t => t.DueAt).Take(batch),
        async (runtime, db, due, now) =>
        {
            foreach (var trigger in due)
            {
                // A county's own trigger starts its county's instance; the library's, every listed county that has no version of its own.
                IEnumerable<string> tenants = [trigger.TenantId];
                if (trigger.TenantId == DefinitionTenancy.SharedLibrary)
                {
                    var replaced = new HashSet<string>();
                    foreach (var tenant in options.Value.TriggerTenants)
                        if ((await runtime.OwnDefinitionIdsAsync(tenant, [trigger.DefinitionId], cancellationToken)).Count > 0) replaced.Add(tenant);
                    tenants = options.Value.TriggerTenants.Where(t => !replaced.Contains(t));
                }
                foreach (var tenant in tenants)
                    await runtime.StartFromTriggerAsync(trigger, new() { ["triggeredAt"] = trigger.DueAt }, tenant, actor: "calendar", cancellationToken);
                if (trigger.TenantId == DefinitionTenancy.SharedLibrary && options.Value.TriggerTenants.Length == 0)
                    logger.LogWarning("Trigger {ActivityId} of {DefinitionId} fell due, but no Workflows:TriggerTenants are set", trigger.ActivityId, trigger.DefinitionId);

                var node = (await compiled.GetAsync(db, trigger.DefinitionVersionId, cancellationToken)).Flowchart.Activities.GetValueOrDefault(trigger.ActivityId);
                var next = node is null ? null : TriggerIndex.NextOccurrence(node, after: now, previous: trigger.DueAt, clock.Zone());
                if (next is null) db.Triggers.Remove(trigger);
                else trigger.DueAt = next.Value.ToUniversalTime();
            }
        },
        cancellationToken);

    /// <summary>Claims due rows and applies them in one transaction: committed together, or rolled back to stay due.</summary>
    async Task<int> InClaimingTransactionAsync<TRow>(
        Func<WorkflowDbContext, DateTimeOffset, int, IQueryable<TRow>> claim,
        Func<WorkflowRuntime, WorkflowDbContext, List<TRow>, DateTimeOffset, Task> apply,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow();
            var due = await claim(db, now, options.Value.TimerBatchSize).ToListAsync(cancellationToken);
            await apply(runtime, db, due, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return due.Count;
        });
    }
}
