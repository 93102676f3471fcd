using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Data;
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

    /// <summary>
    /// JavaScript expressions also see the globals <c>input</c> and <c>lastResult</c>, which real Elsa does not have. Off: scripts use
    /// Elsa's <c>getInput("x")</c> and <c>getLastResult()</c>. On only while instances started on definitions written with those globals
    /// still run.
    /// </summary>
    public bool LegacyExpressionGlobals { get; set; }

    public int TimerBatchSize { get; set; } = 100;

    /// <summary>Services' answers applied in one transaction at most (<see cref="ResultBatches"/>): a batch takes what has arrived, never waits to fill.</summary>
    public int ResultBatchSize { get; set; } = 32;

    /// <summary>Batches of answers applied side by side on PostgreSQL; SQLite has one writer and uses one.</summary>
    public int ResultLanes { get; set; } = 2;

    /// <summary>
    /// The tenants a definition's timer trigger (Timer, Cron, StartAt with <c>canStartWorkflow</c>) starts an instance for at each
    /// occurrence: the organization units whose procedures follow the calendar.
    /// </summary>
    public string[] TriggerTenants { get; set; } = [];

    /// <summary>Batches fired side by side on PostgreSQL (each claims its own rows); SQLite has one writer and uses one.</summary>
    public int TimerWorkers { get; set; } = 2;

    /// <summary>
    /// Times a timer may fail to fire before it is parked with an incident on its instance (retrying the instance fires it again).
    /// Between attempts it waits 2, 4, 8 … seconds (at most 5 minutes), and the other timers go on.
    /// </summary>
    public int TimerAttempts { get; set; } = 5;

    /// <summary>
    /// Steps one run (a start or a resume) may take without waiting; a loop that runs past it faults the instance with an incident.
    /// </summary>
    public int MaxStepsPerRun { get; set; } = WorkflowEngine.DefaultMaxStepsPerRun;

    /// <summary>
    /// Hosts the HTTP Request activity may call, per county (tenant id → host names; <c>*.example.org</c> matches its subdomains).
    /// A county with no entry calls no host. The key <c>*</c> lists hosts every county may call.
    /// </summary>
    public Dictionary<string, string[]> HttpAllowedHosts { get; set; } = [];

    /// <summary>How long the HTTP Request activity waits for an answer.</summary>
    public TimeSpan HttpRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On PostgreSQL a timer falls due by the database's clock as well as the server's (<c>due_at &lt;= least(server now, now())</c>), so
    /// a replica whose clock runs fast cannot fire early. Off only where a test moves the server's clock ahead of the real time.
    /// </summary>
    public bool UseDatabaseClock { get; set; } = true;

    /// <summary>
    /// How long a fact recorded for a procedure before it reached the step that waits for it is kept for that step (a ballot entered
    /// while the deliberation is still open, say). After that it is listed as expired and applied to nothing.
    /// </summary>
    public TimeSpan WaitingFactLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Instances an alteration plan applies to per transaction (and a dry run reads per query).</summary>
    public int AlterationBatchSize { get; set; } = 100;

    /// <summary>How often the alteration runner looks for submitted plans when it has nothing to do.</summary>
    public TimeSpan AlterationPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Fires due timers. Each batch claims due timer bookmarks with <c>FOR UPDATE SKIP LOCKED</c> and resumes their instances in the
/// same transaction that deletes them, so with any number of server replicas a timer fires exactly once, and a crash before
/// the commit leaves it to fire on the next poll. No timer lives only in memory. Definitions' timer triggers are claimed the same
/// way: an occurrence starts its instances and moves the trigger to its next occurrence in one transaction.
/// </summary>
public sealed class TimerDispatcher(
    IServiceScopeFactory scopes, TimerSignal signal, CompiledDefinitions compiled, TimeProvider time, CountyClock clock, IOptions<WorkflowOptions> options, ILogger<TimerDispatcher> logger)
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
                if (fired < options.Value.TimerBatchSize) await signal.WaitAsync(await UntilNextDueAsync(stoppingToken), stoppingToken);
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

    /// <summary>
    /// How long to sleep: until the earliest pending timer falls due, at most <see cref="WorkflowOptions.TimerPollInterval"/> (a timer
    /// committed meanwhile wakes the loop through <see cref="TimerSignal"/>), so a timer fires when it falls due, not at the next poll.
    /// </summary>
    async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        var poll = options.Value.TimerPollInterval;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var next = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKinds.Timer && b.DueAt != null)
            .OrderBy(b => b.DueAt).Select(b => b.DueAt).FirstOrDefaultAsync(cancellationToken);
        if (next is null) return poll;
        var wait = next.Value - time.GetUtcNow();
        // A few milliseconds past the due moment, so the database's clock (UseDatabaseClock) has reached it too.
        // Already due yet not claimed: another worker holds it; look again shortly rather than spin.
        wait = wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : wait + TimeSpan.FromMilliseconds(5);
        return wait < poll ? wait : poll;
    }

    /// <summary>
    /// Fires one batch of due timers; returns how many were claimed. When the batch cannot commit (one timer whose instance cannot
    /// be resumed), its timers are fired one by one, each in its own transaction: the poisoned one counts a failed attempt and
    /// waits, the others fire.
    /// </summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var claimed = new List<Guid>();
        try
        {
            return await InClaimingTransactionAsync(
                (db, now, batch) => ClaimTimers(db, now, batch, only: null, options.Value.UseDatabaseClock),
                async (runtime, _, due, _) =>
                {
                    claimed.Clear();
                    claimed.AddRange(due.Select(b => b.Id));
                    await runtime.PrepareAsync(due.Select(b => b.InstanceId).ToList(), cancellationToken);
                    foreach (var bookmark in due)
                    {
                        WorkflowMetrics.RecordLateness("timer", bookmark.DueAt, time.GetUtcNow());
                        await runtime.ResumeAsync(bookmark, payload: null, actor: "timer", cancellationToken);
                    }
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && claimed.Count > 0)
        {
            logger.LogWarning(ex, "A batch of {Count} timers could not commit; firing them one by one", claimed.Count);
            foreach (var id in claimed) await FireOneAsync(id, cancellationToken);
            return claimed.Count;
        }
    }

    static IQueryable<BookmarkRecord> ClaimTimers(WorkflowDbContext db, DateTimeOffset now, int batch, Guid? only, bool databaseClock = true) => db.Database.IsNpgsql()
        ? only is { } id
            ? db.Bookmarks.FromSqlInterpolated($"""
                SELECT * FROM bookmarks WHERE id = {id} AND kind = {BookmarkKinds.Timer}
                  AND due_at <= CASE WHEN {databaseClock} THEN least({now}, now()) ELSE {now} END
                FOR UPDATE SKIP LOCKED
                """)
            : db.Bookmarks.FromSqlInterpolated($"""
                SELECT * FROM bookmarks
                WHERE kind = {BookmarkKinds.Timer} AND due_at <= CASE WHEN {databaseClock} THEN least({now}, now()) ELSE {now} END
                ORDER BY due_at
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """)
        : db.Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer && b.DueAt <= now && (only == null || b.Id == only)).OrderBy(b => b.DueAt).Take(batch);

    /// <summary>Fires one timer in its own transaction; a failure is counted on the timer, and at the limit it becomes an incident.</summary>
    async Task FireOneAsync(Guid bookmarkId, CancellationToken cancellationToken)
    {
        try
        {
            await InClaimingTransactionAsync(
                (db, now, _) => ClaimTimers(db, now, 1, only: bookmarkId, options.Value.UseDatabaseClock),
                async (runtime, _, due, _) =>
                {
                    foreach (var bookmark in due)
                    {
                        WorkflowMetrics.RecordLateness("timer", bookmark.DueAt, time.GetUtcNow());
                        await runtime.ResumeAsync(bookmark, payload: null, actor: "timer", cancellationToken);
                    }
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A deadlock with a replica or another worker resuming the same instance, a dropped connection: the timer stays due as it
            // is and fires on the next pass. Moving it on would leave it waiting on a clock only a test moves, and would bend the
            // lateness it reports. Only a failure of the firing itself counts an attempt.
            if (StoreErrors.IsTransient(ex))
            {
                WorkflowMetrics.TimerFailures.Add(1, new KeyValuePair<string, object?>("transient", true));
                logger.LogInformation(ex, "Timer {Bookmark} met a transient database failure; it stays due", bookmarkId);
                return;
            }
            await RecordFailureAsync(bookmarkId, ex, cancellationToken);
        }
    }

    async Task RecordFailureAsync(Guid bookmarkId, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        // Still due and not taken by another worker: the failure is counted once, by whoever holds the row.
        var bookmark = await ClaimTimers(db, now, 1, only: bookmarkId, options.Value.UseDatabaseClock).SingleOrDefaultAsync(cancellationToken);
        if (bookmark is null) return;
        bookmark.Attempts++;
        bookmark.LastError = Truncate(error.GetBaseException().Message, 2000);
        WorkflowMetrics.TimerFailures.Add(1);
        if (bookmark.Attempts < Math.Max(1, options.Value.TimerAttempts))
        {
            bookmark.DueAt = now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, bookmark.Attempts)));
            logger.LogWarning(error, "Timer {Bookmark} of instance {InstanceId} failed to fire (attempt {Attempt}); trying again at {DueAt}",
                bookmark.Id, bookmark.InstanceId, bookmark.Attempts, bookmark.DueAt);
        }
        else
        {
            // Parked: no due date, so no worker claims it; retrying the instance puts it back.
            bookmark.DueAt = null;
            var message = $"Timer at {bookmark.ActivityId} could not fire after {bookmark.Attempts} attempts: {bookmark.LastError}";
            db.Incidents.Add(new Incident
            {
                Id = Guid.CreateVersion7(), InstanceId = bookmark.InstanceId, ActivityId = bookmark.ActivityId, Message = Truncate(message, 2000),
                Exception = error.ToString(), CreatedAt = now,
            });
            var instance = await db.Instances.SingleAsync(i => i.Id == bookmark.InstanceId, cancellationToken);
            instance.Status = WorkflowStatus.Faulted;
            instance.IncidentCount++;
            instance.UpdatedAt = now;
            instance.Revision++;
            var journal = await JournalWriter.OpenAsync(db, instance.Id, cancellationToken);
            journal.Append(now, "Faulted", bookmark.ActivityId, message: Truncate(message, 2000), actor: "timer", cadreId: instance.CadreId);
            journal.AppendState(now, instance);
            WorkflowMetrics.Incidents.Add(1, new KeyValuePair<string, object?>("kind", "timer"));
            logger.LogError(error, "Timer {Bookmark} of instance {InstanceId} parked after {Attempts} attempts; the instance has an incident",
                bookmark.Id, bookmark.InstanceId, bookmark.Attempts);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>Fires one batch of due definition triggers; returns how many occurrences fired.</summary>
    public Task<int> FireDueTriggersAsync(CancellationToken cancellationToken) => InClaimingTransactionAsync(
        (db, now, batch) => db.Database.IsNpgsql()
            ? db.Triggers.FromSqlInterpolated($"""
                SELECT * FROM triggers
                WHERE kind = {TriggerKinds.Timer} AND due_at <= CASE WHEN {options.Value.UseDatabaseClock} THEN least({now}, now()) ELSE {now} END
                ORDER BY due_at
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """)
            : db.Triggers.Where(t => t.Kind == TriggerKinds.Timer && t.DueAt <= now).OrderBy(t => t.DueAt).Take(batch),
        async (runtime, db, due, now) =>
        {
            foreach (var trigger in due)
            {
                WorkflowMetrics.RecordLateness("trigger", trigger.DueAt, now);
                // A county's own trigger starts its county's instance; the library's, every listed county that has no version of its own.
                IEnumerable<string> tenants = [trigger.TenantId];
                if (trigger.TenantId == DefinitionTenancy.SharedLibrary)
                {
                    var listed = options.Value.TriggerTenants;
                    var replaced = await db.Definitions.AsNoTracking()
                        .Where(d => d.DefinitionId == trigger.DefinitionId && listed.Contains(d.TenantId)).Select(d => d.TenantId).Distinct()
                        .ToListAsync(cancellationToken);
                    tenants = listed.Except(replaced);
                }
                foreach (var tenant in tenants)
                    await runtime.StartFromTriggerAsync(trigger, new() { ["triggeredAt"] = trigger.DueAt }, tenant, actor: "calendar", cancellationToken);
                if (trigger.TenantId == DefinitionTenancy.SharedLibrary && options.Value.TriggerTenants.Length == 0)
                    logger.LogWarning("Trigger {ActivityId} of {DefinitionId} fell due, but no Workflows:TriggerTenants are set", trigger.ActivityId, trigger.DefinitionId);

                var node = (await compiled.GetAsync(db, trigger.DefinitionVersionId, cancellationToken)).Flowchart.Activities.GetValueOrDefault(trigger.ActivityId);
                var next = node is null ? null : TriggerIndex.NextOccurrence(node, after: now, previous: trigger.DueAt, clock.Zone(trigger.TenantId == DefinitionTenancy.SharedLibrary ? null : trigger.TenantId));
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
            db.Database.AutoSavepointsEnabled = false; // a failed batch is retried or dropped whole, never continued
            var now = time.GetUtcNow();
            var due = await claim(db, now, options.Value.TimerBatchSize).ToListAsync(cancellationToken);
            await apply(runtime, db, due, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return due.Count;
        });
    }
}
