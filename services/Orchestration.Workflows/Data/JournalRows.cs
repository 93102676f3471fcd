using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using NpgsqlTypes;
using Orchestration.ServiceDefaults.Data;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Data;

/// <summary>
/// Stores the journal entries a save adds in one statement on PostgreSQL: the entries of a whole batch of steps go in as one
/// <c>INSERT … SELECT FROM unnest(…)</c> after the rest of the save, in the same transaction, instead of a statement each through
/// the change tracker's update pipeline (a step adds five to eight). Only inside a transaction the caller opened, so the entries
/// and the state they describe still commit or roll back together; otherwise, and on SQLite, the save stores them as before.
/// </summary>
static class JournalRows
{
    /// <summary>
    /// The entries the save would add, taken out of the change tracker and checked as the save checks text; null when the save
    /// stores them itself.
    /// </summary>
    public static List<JournalEntry>? Take(WorkflowDbContext db)
    {
        if (db.Database.CurrentTransaction is null || !db.Database.IsNpgsql()) return null;
        List<EntityEntry<JournalEntry>>? added = null;
        foreach (var entry in db.ChangeTracker.Entries<JournalEntry>())
            if (entry.State == EntityState.Added) (added ??= []).Add(entry);
        if (added is null) return null;
        StoredTextCheck.Check(added);
        var entries = new List<JournalEntry>(added.Count);
        foreach (var entry in added)
        {
            entries.Add(entry.Entity);
            entry.State = EntityState.Detached;
        }
        return entries;
    }

    /// <summary>Puts the entries back as the save found them, when the save or their statement failed.</summary>
    public static void Restore(WorkflowDbContext db, List<JournalEntry> entries)
    {
        foreach (var entry in entries)
            if (db.Entry(entry).State == EntityState.Detached) db.Journal.Add(entry);
    }

    public static Task<int> InsertAsync(WorkflowDbContext db, List<JournalEntry> entries, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(InsertSql, Parameters(entries), cancellationToken);

    public static int Insert(WorkflowDbContext db, List<JournalEntry> entries) => db.Database.ExecuteSqlRaw(InsertSql, Parameters(entries));

    const string InsertSql = """
        INSERT INTO journal ("InstanceId", "Sequence", "Timestamp", "EventName", "ActivityId", "ActivityType", "ActivityName", "Actor", "Role",
                             "CadreId", "Message", "PayloadJson", "PreviousHash", "Hash")
        SELECT * FROM unnest(@instance, @sequence, @timestamp, @event, @activity_id, @activity_type, @activity_name, @actor, @role,
                             @cadre, @message, @payload, @previous_hash, @hash)
        """;

    static NpgsqlParameter[] Parameters(List<JournalEntry> entries)
    {
        // In the order they were appended: by time, then each instance's sequence.
        entries.Sort(static (a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp)
            : a.InstanceId != b.InstanceId ? a.InstanceId.CompareTo(b.InstanceId) : a.Sequence.CompareTo(b.Sequence));
        return
        [
            Array("instance", NpgsqlDbType.Uuid, entries, e => e.InstanceId),
            Array("sequence", NpgsqlDbType.Integer, entries, e => e.Sequence),
            Array("timestamp", NpgsqlDbType.TimestampTz, entries, e => e.Timestamp),
            Array("event", NpgsqlDbType.Text, entries, e => e.EventName),
            Array("activity_id", NpgsqlDbType.Text, entries, e => e.ActivityId),
            Array("activity_type", NpgsqlDbType.Text, entries, e => e.ActivityType),
            Array("activity_name", NpgsqlDbType.Text, entries, e => e.ActivityName),
            Array("actor", NpgsqlDbType.Text, entries, e => e.Actor),
            Array("role", NpgsqlDbType.Text, entries, e => e.Role),
            Array("cadre", NpgsqlDbType.Uuid, entries, e => e.CadreId),
            Array("message", NpgsqlDbType.Text, entries, e => e.Message),
            Array("payload", NpgsqlDbType.Text, entries, e => e.PayloadJson),
            Array("previous_hash", NpgsqlDbType.Text, entries, e => e.PreviousHash),
            Array("hash", NpgsqlDbType.Text, entries, e => e.Hash),
        ];
    }

    static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, List<JournalEntry> entries, Func<JournalEntry, T> value)
    {
        var values = new T[entries.Count];
        for (var i = 0; i < values.Length; i++) values[i] = value(entries[i]);
        return new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | type) { TypedValue = values };
    }
}
