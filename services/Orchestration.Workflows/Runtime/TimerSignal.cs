using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Workflows.Activities;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// Wakes the timer dispatcher when a timer is committed that falls due before its next look, so a short wait (a one-second Delay, a
/// retry in two seconds) fires on time instead of at the next poll. The database stays the only record of the timers.
/// </summary>
public sealed class TimerSignal
{
    readonly Wakeup timers = new();
    readonly Wakeup httpCalls = new();

    public TimerSignal() => Interceptor = new TimerCommitInterceptor(this);

    /// <summary>The interceptor the workflow database uses to tell this signal about committed timers.</summary>
    internal TimerCommitInterceptor Interceptor { get; }

    /// <summary>Wakes the dispatcher; it looks again at what is due and when the next one falls due.</summary>
    public void Notify() => timers.Notify();

    /// <summary>Waits for a committed timer or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => timers.WaitAsync(timeout, cancellationToken);

    /// <summary>Wakes the HTTP call dispatcher: an HTTP Request activity's request was committed and waits to be sent.</summary>
    public void NotifyHttpCall() => httpCalls.Notify();

    /// <summary>Waits for a committed HTTP request or the timeout, whichever comes first.</summary>
    public Task<bool> WaitForHttpCallAsync(TimeSpan timeout, CancellationToken cancellationToken) => httpCalls.WaitAsync(timeout, cancellationToken);
}

/// <summary>Notifies <see cref="TimerSignal"/> once a transaction that saved new timers has committed.</summary>
internal sealed class TimerCommitInterceptor(TimerSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Contexts whose transaction saved a timer or an HTTP request, and which of the two, told once it commits.</summary>
    readonly ConditionalWeakTable<DbContext, HashSet<string>> pendingCommit = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    void Note(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<BookmarkRecord>())
            if (entry.Entity.Kind is BookmarkKinds.Timer or BookmarkKinds.HttpCall && entry.Entity.DueAt is not null
                && entry.State is EntityState.Added or EntityState.Modified)
                pendingCommit.GetOrCreateValue(context).Add(entry.Entity.Kind);
    }

    void Saved(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null) return;
        Committed(context);
    }

    void Committed(DbContext context)
    {
        if (!pendingCommit.TryGetValue(context, out var kinds)) return;
        pendingCommit.Remove(context);
        if (kinds.Contains(BookmarkKinds.Timer)) signal.Notify();
        if (kinds.Contains(BookmarkKinds.HttpCall)) signal.NotifyHttpCall();
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) Committed(context);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) pendingCommit.Remove(context);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}
