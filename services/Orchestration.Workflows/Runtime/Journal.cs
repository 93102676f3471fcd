using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// C1 — appends journal entries, each hashed over the previous entry's hash and its own content, so editing or deleting one row
/// breaks every hash after it.
/// </summary>
public sealed class JournalWriter
{
    readonly WorkflowDbContext db;
    readonly Guid instanceId;
    string previousHash;
    int sequence;

    JournalWriter(WorkflowDbContext db, Guid instanceId, string previousHash, int sequence)
    {
        this.db = db;
        this.instanceId = instanceId;
        this.previousHash = previousHash;
        this.sequence = sequence;
    }

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static async Task<JournalWriter> OpenAsync(WorkflowDbContext db, Guid instanceId, CancellationToken cancellationToken)
    {
        var last = await db.Journal.Where(j => j.InstanceId == instanceId).OrderByDescending(j => j.Sequence)
            .Select(j => new { j.Sequence, j.Hash }).FirstOrDefaultAsync(cancellationToken);
        return new JournalWriter(db, instanceId, last?.Hash ?? Genesis, last?.Sequence ?? 0);
    }

    /// <summary>A writer after an entry already read (null for an empty journal).</summary>
    public static JournalWriter Continue(WorkflowDbContext db, Guid instanceId, string? lastHash, int lastSequence) =>
        new(db, instanceId, lastHash ?? Genesis, lastSequence);

    public JournalEntry Append(DateTimeOffset at, string eventName, string? activityId = null, string? activityType = null, string? activityName = null,
        string? message = null, string? payloadJson = null, string? actor = null, string? role = null, Guid? cadreId = null)
    {
        var entry = new JournalEntry
        {
            InstanceId = instanceId,
            Sequence = ++sequence,
            Timestamp = StoredPrecision(at),
            EventName = eventName,
            ActivityId = activityId,
            ActivityType = activityType,
            ActivityName = activityName,
            Message = message,
            PayloadJson = payloadJson,
            Actor = actor,
            Role = role,
            CadreId = cadreId,
            PreviousHash = previousHash,
            Hash = "",
        };
        entry.Hash = HashOf(entry);
        previousHash = entry.Hash;
        db.Journal.Add(entry);
        return entry;
    }

    /// <summary>
    /// Chains the instance's state as it is being saved (its variables, input, results, branch bookkeeping and status), so an edit of
    /// the stored state outside the runtime is detected: the last <c>StateSaved</c> entry must match the instance row.
    /// </summary>
    public JournalEntry AppendState(DateTimeOffset at, WorkflowInstance instance) =>
        Append(at, StateSaved, message: StateDigest(instance), cadreId: instance.CadreId);

    public const string StateSaved = "StateSaved";

    public static string StateDigest(WorkflowInstance instance) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{instance.Status}\u001f{instance.StateJson}")));

    /// <summary>
    /// Hashing what the database gives back keeps the chain verifiable: PostgreSQL keeps microseconds, the embedded SQLite store
    /// a tenth of a millisecond, so timestamps are kept to the tenth of a millisecond in both.
    /// </summary>
    static DateTimeOffset StoredPrecision(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 1000, TimeSpan.Zero);

    public static string HashOf(JournalEntry entry)
    {
        var canonical = string.Join('\u001f',
            entry.PreviousHash, entry.InstanceId.ToString("N"), entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.Timestamp.UtcTicks.ToString(CultureInfo.InvariantCulture), entry.EventName, entry.ActivityId, entry.ActivityType, entry.ActivityName,
            entry.Actor, entry.Role, entry.CadreId?.ToString("N"), entry.Message, entry.PayloadJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>
/// The outcome of checking an instance's journal: the hash chain, the instance's stored state against its last <c>StateSaved</c>
/// entry, and the entries sealed in the checkpoints (<see cref="JournalSeals"/>).
/// </summary>
/// <param name="Valid">The journal verifies: the hash chain holds, the stored state matches the last StateSaved entry and the sealed entries match (C1).</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="FirstBrokenSequence">The first entry that breaks the chain; empty when none does.</param>
/// <param name="Problem">What is wrong, in words; empty when valid.</param>
public sealed record JournalVerification(bool Valid, int Entries, int? FirstBrokenSequence, string? Problem)
{
    /// <summary>The last sealed entry of the instance and when it was sealed; null when no checkpoint holds it yet.</summary>
    public int? SealedSequence { get; init; }

    /// <summary>When the last sealed entry was sealed in a checkpoint (UTC instant); empty when none is sealed yet.</summary>
    public DateTimeOffset? SealedAt { get; init; }
}

public static class JournalVerifier
{
    /// <summary>Recomputes the chain in order and reports the first entry whose link or content does not match.</summary>
    public static JournalVerification Verify(IReadOnlyList<JournalEntry> entries)
    {
        var previous = JournalWriter.Genesis;
        var expectedSequence = 1;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Sequence != expectedSequence)
                return new(false, entries.Count, expectedSequence, $"Entry {expectedSequence} is missing.");
            if (entry.PreviousHash != previous)
                return new(false, entries.Count, entry.Sequence, "Its link to the previous entry is broken.");
            if (JournalWriter.HashOf(entry) != entry.Hash)
                return new(false, entries.Count, entry.Sequence, "Its content does not match its hash.");
            previous = entry.Hash;
            expectedSequence++;
        }
        return new(true, entries.Count, null, null);
    }

    /// <summary>
    /// The chain, then the instance's stored state against its last <c>StateSaved</c> entry, then every sealed head of the instance
    /// against the entry at its sequence: a chain rewritten consistently from the start still differs from what was sealed.
    /// </summary>
    public static JournalVerification Verify(IReadOnlyList<JournalEntry> entries, WorkflowInstance instance, IReadOnlyList<SealedHead> sealedHeads,
        string? sealProblem)
    {
        var chain = Verify(entries);
        if (!chain.Valid) return chain;
        if (sealProblem is not null) return chain with { Valid = false, Problem = sealProblem };
        if (entries.OrderBy(e => e.Sequence).LastOrDefault(e => e.EventName == JournalWriter.StateSaved) is { } saved
            && saved.Message != JournalWriter.StateDigest(instance))
            return chain with { Valid = false, FirstBrokenSequence = saved.Sequence, Problem = "The instance's stored state differs from the state its journal saved last." };

        SealedHead? last = null;
        foreach (var head in sealedHeads.OrderBy(h => h.Sequence))
        {
            var entry = entries.FirstOrDefault(e => e.Sequence == head.Sequence);
            if (entry is null || entry.Hash != head.Hash)
                return chain with { Valid = false, FirstBrokenSequence = head.Sequence,
                    Problem = $"Entry {head.Sequence} differs from the checkpoint sealed at {head.SealedAt:O}: the journal was rewritten." };
            last = head;
        }
        return chain with { SealedSequence = last?.Sequence, SealedAt = last?.SealedAt };
    }
}
