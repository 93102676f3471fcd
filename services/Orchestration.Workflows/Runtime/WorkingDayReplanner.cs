using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// C5 — waits counted in working days follow the official calendar. When a year's notice is loaded or changed (and once at start-up,
/// for a notice that arrived while the server was down), every pending working-day timer is planned again from the day its window
/// opened: a changed due date is written to the timer and journaled on its instance with the reason. A window whose timer already
/// fired is closed and stays closed; a window the new calendar would have closed already falls due at once.
/// </summary>
public sealed class WorkingDayReplanner(
    IServiceScopeFactory scopes, OfficialWorkingDayCalendar calendar, CountyClock clock, ILogger<WorkingDayReplanner> logger,
    Microsoft.Extensions.Options.IOptions<WorkflowOptions> options) : BackgroundService
{
    readonly Channel<string> reasons = Channel.CreateUnbounded<string>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        calendar.NoticeChanged += OnNoticeChanged;
        try
        {
            reasons.Writer.TryWrite("the official calendar in force at start-up");
            await foreach (var reason in reasons.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await ReplanAsync(reason, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Working-day timers were not planned again ({Reason}); trying again in a minute", reason);
                    _ = RequeueLaterAsync(reason, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            calendar.NoticeChanged -= OnNoticeChanged;
        }
    }

    void OnNoticeChanged(CalendarYear notice) =>
        reasons.Writer.TryWrite($"official calendar of {notice.Year} loaded" + (notice.Source is { Length: > 0 } source ? $" ({source})" : ""));

    async Task RequeueLaterAsync(string reason, CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), clock.TimeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!stoppingToken.IsCancellationRequested) reasons.Writer.TryWrite(reason);
    }

    /// <summary>Plans every pending working-day timer again; returns how many due dates moved.</summary>
    public async Task<int> ReplanAsync(string reason, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var compiled = scope.ServiceProvider.GetRequiredService<CompiledDefinitions>();
        var moved = 0;
        // Page by page in bookmark order, so that a million waiting timers are never held in memory at once.
        var after = Guid.Empty;
        while (true)
        {
            var page = await (from b in db.Bookmarks.AsNoTracking()
                              join i in db.Instances.AsNoTracking() on b.InstanceId equals i.Id
                              where b.Kind == BookmarkKinds.Timer && (b.PayloadJson == null || b.PayloadJson.Contains("workingDayWindow"))
                                    && b.Id.CompareTo(after) > 0
                              orderby b.Id
                              select new PendingTimer(b.Id, b.InstanceId, b.ActivityId, b.DueAt, b.PayloadJson, b.CreatedAt, i.TenantId, i.DefinitionVersionId))
                .Take(ReplanPage).ToListAsync(ct);
            if (page.Count == 0) break;
            after = page[^1].Id;
            foreach (var timer in page)
                if (await ReplanOneAsync(db, compiled, timer, reason, ct)) moved++;
            db.ChangeTracker.Clear();
        }
        if (moved > 0) logger.LogInformation("{Count} working-day timers planned again: {Reason}", moved, reason);
        return moved;
    }

    /// <summary>How many pending timers one query of <see cref="ReplanAsync"/> reads: a thousand (smaller in tests that page through).</summary>
    internal int ReplanPage { get; set; } = 1000;

    /// <summary>A pending timer as the replanner reads it, with its instance's county and definition version.</summary>
    sealed record PendingTimer(Guid Id, Guid InstanceId, string ActivityId, DateTimeOffset? DueAt, string? PayloadJson, DateTimeOffset CreatedAt,
        string TenantId, string DefinitionVersionId);

    /// <summary>Plans one pending timer again; true when its due date moved.</summary>
    async Task<bool> ReplanOneAsync(WorkflowDbContext db, CompiledDefinitions compiled, PendingTimer timer, string reason, CancellationToken ct)
    {
        if (timer.DueAt is not { } due) return false;
        var window = WorkingDayWindow.FromPayload(timer.PayloadJson);
        var note = "";
        if (window is null && timer.PayloadJson is null)
        {
            // A timer set before windows were kept on it: its window opened when it was set, its length is the step's input.
            window = await WindowOfEarlierTimerAsync(db, compiled, timer.InstanceId, timer.DefinitionVersionId, timer.ActivityId, timer.CreatedAt,
                timer.TenantId, ct);
            note = "; window taken from when the timer was set";
        }
        if (window is null) return false;
        var planned = window.DueAt(calendar, clock, timer.TenantId);
        if (planned == due && timer.PayloadJson is not null) return false;
        return await MoveAsync(db, timer.Id, timer.InstanceId, timer.ActivityId, due, planned, window, reason + note, ct);
    }

    async Task<WorkingDayWindow?> WindowOfEarlierTimerAsync(WorkflowDbContext db, CompiledDefinitions compiled, Guid instanceId, string versionId,
        string activityId, DateTimeOffset setAt, string tenantId, CancellationToken ct)
    {
        var definition = await compiled.GetAsync(db, versionId, ct);
        if (definition.Flowchart.Activities.GetValueOrDefault(activityId) is not { Type: "Elsa.Delay" } node || node.Json["workingDays"] is null) return null;
        var stateJson = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson).SingleAsync(ct);
        var state = InstanceState.FromJson(stateJson);
        var days = Expressions.Expressions.AsInt(Expressions.Expressions.Evaluate(node.Json["workingDays"],
            new Expressions.ExpressionScope(state.Variables, state.Input, state.LastResult)
            {
                Today = clock.DateOf(setAt, tenantId),
                InputNames = definition.Flowchart.InputNames,
                LegacyGlobals = options.Value.LegacyExpressionGlobals,
            }));
        return days is > 0 ? new WorkingDayWindow(clock.DateOf(setAt, tenantId), days.Value) : null;
    }

    /// <summary>Moves one timer and journals it, in one transaction; false when it fired or moved meanwhile.</summary>
    async Task<bool> MoveAsync(WorkflowDbContext db, Guid bookmarkId, Guid instanceId, string activityId, DateTimeOffset from, DateTimeOffset to,
        WorkingDayWindow window, string reason, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The row lock makes the timer dispatcher, which claims with SKIP LOCKED, wait for this move or fire the timer first.
            var payload = window.ToPayload().ToJsonString();
            var updated = await db.Bookmarks.Where(b => b.Id == bookmarkId && b.DueAt == from)
                .ExecuteUpdateAsync(set => set.SetProperty(b => b.DueAt, to).SetProperty(b => b.PayloadJson, payload), ct);
            if (updated == 0) return false;
            if (from == to)
            {
                await transaction.CommitAsync(ct); // an earlier timer now keeps its window; its due date was right
                return false;
            }

            var instance = await db.Instances.SingleAsync(i => i.Id == instanceId, ct);
            var now = clock.UtcNow;
            instance.Revision++; // a run of the same instance in flight conflicts and is retried after this entry
            instance.UpdatedAt = now;
            var journal = await JournalWriter.OpenAsync(db, instanceId, ct);
            var lastDay = window.LastDay(calendar);
            journal.Append(now, "TimerReplanned", activityId,
                message: $"{window.WorkingDays} working days from {window.OpensOn:yyyy-MM-dd} now end on {lastDay:yyyy-MM-dd}: due {to:O} instead of {from:O}; {reason}",
                payloadJson: System.Text.Json.JsonSerializer.Serialize(new { from, to, window.OpensOn, window.WorkingDays, lastDay, reason }),
                actor: "calendar", cadreId: instance.CadreId);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        });
    }
}
