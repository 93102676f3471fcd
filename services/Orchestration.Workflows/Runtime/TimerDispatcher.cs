using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Runtime;

/// <summary>Settings of the workflow runtime (section <c>Workflows</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Where the definitions kept with the product (<c>workflows/*.json</c>) are read from at start-up.</summary>
    public string? DefinitionsDirectory { get; set; }

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int TimerBatchSize { get; set; } = 100;
}

/// <summary>
/// Fires due timers. Each batch claims due timer bookmarks with <c>FOR UPDATE SKIP LOCKED</c> and resumes their instances in the
/// same transaction that deletes them, so with any number of server replicas a timer fires exactly once, and a crash before
/// the commit leaves it to fire on the next poll. No timer lives only in memory.
/// </summary>
public sealed class TimerDispatcher(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<TimerDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var fired = await FireDueAsync(stoppingToken);
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
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
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
            var batch = options.Value.TimerBatchSize;
            var due = db.Database.IsNpgsql()
                ? await db.Bookmarks.FromSqlInterpolated($"""
                    SELECT * FROM bookmarks
                    WHERE kind = {BookmarkKinds.Timer} AND due_at <= {now}
                    ORDER BY due_at
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken)
                : await db.Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer && b.DueAt <= now).OrderBy(b => b.DueAt).Take(batch).ToListAsync(cancellationToken);

            foreach (var bookmark in due)
                await runtime.ResumeAsync(bookmark, payload: null, actor: "timer", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return due.Count;
        });
    }
}
