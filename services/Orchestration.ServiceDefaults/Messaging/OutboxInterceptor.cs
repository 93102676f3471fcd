using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>
/// Stamps new outbox rows with the service clock and wakes the dispatcher once they are committed,
/// so messages leave without waiting for the next poll.
/// </summary>
internal class OutboxInterceptor(TimeProvider time, OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts that saved outbox rows inside a transaction that has not committed yet.
    readonly ConditionalWeakTable<DbContext, object> pendingCommit = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = time.GetUtcNow();
        var added = false;
        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State != EntityState.Added) continue;
            added = true;
            if (entry.Entity.CreatedAt == default) entry.Entity.CreatedAt = now;
        }
        if (added) pendingCommit.AddOrUpdate(context, this);
    }

    void AfterSave(DbContext? context)
    {
        if (context is null || !pendingCommit.TryGetValue(context, out _)) return;
        if (context.Database.CurrentTransaction is null)
        {
            pendingCommit.Remove(context);
            signal.Notify();
        }
    }

    void Committed(DbContext? context)
    {
        if (context is not null && pendingCommit.Remove(context)) signal.Notify();
    }

    void RolledBack(DbContext? context)
    {
        if (context is not null) pendingCommit.Remove(context);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>One sleeper's wake-up: a notification while it is awake is kept for its next wait, never counted twice.</summary>
public class Wakeup
{
    readonly SemaphoreSlim wake = new(0, 1);

    public void Notify()
    {
        try { if (wake.CurrentCount == 0) wake.Release(); }
        catch (SemaphoreFullException) { /* already awake */ }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);
}

/// <summary>Wakes a context's outbox dispatcher.</summary>
internal class OutboxSignal : Wakeup;

/// <summary>The dispatcher wake-up of one DbContext type (several live in the embedded host).</summary>
internal sealed class OutboxSignal<TContext> : OutboxSignal where TContext : DbContext;

/// <summary>The interceptor of one DbContext type, bound to that type's dispatcher wake-up.</summary>
internal sealed class OutboxInterceptor<TContext>(TimeProvider time, OutboxSignal<TContext> signal) : OutboxInterceptor(time, signal)
    where TContext : DbContext;
