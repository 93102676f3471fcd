using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Runtime;

/// <summary>Settings of the journal's checkpoints (section <c>Journal</c>).</summary>
public sealed class JournalSealOptions
{
    /// <summary>
    /// Where checkpoints are appended (<c>seals-{host}.jsonl</c>): a directory on storage the database's users cannot rewrite
    /// (a WORM bucket mounted as a volume, a separate host). Empty: no checkpoints, and a warning at start.
    /// </summary>
    public string? SealDirectory { get; set; }

    public TimeSpan SealInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The HMAC key of the checkpoints (base64, 32 bytes or more). Empty: a key is generated into the seal directory on first
    /// use; a key kept apart from the checkpoints (a secret) is stronger.
    /// </summary>
    public string? SealKey { get; set; }
}

/// <summary>An instance's journal head as a checkpoint sealed it.</summary>
public sealed record SealedHead(Guid InstanceId, int Sequence, string Hash, DateTimeOffset SealedAt);

/// <summary>
/// C1 — checkpoints of the journal. Every interval the heads (instance, sequence, hash) of the instances whose journal moved are
/// written as one line: the Merkle root of the heads, the hash of the previous line and an HMAC over both. Rewriting an instance's
/// whole chain consistently in the database then still differs from what was sealed, and removing or editing a checkpoint
/// breaks the chain of lines. Verification reads every checkpoint file of the directory.
/// </summary>
public sealed class JournalSeals(IOptions<JournalSealOptions> options, ILogger<JournalSeals> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    readonly Lock writing = new();
    byte[]? key;

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.SealDirectory);

    string Directory => Path.GetFullPath(options.Value.SealDirectory!);

    string OwnFile => Path.Combine(Directory, $"seals-{Environment.MachineName}.jsonl");

    sealed record Head(Guid I, int S, string H);

    sealed record Checkpoint(long Line, DateTimeOffset SealedAt, string Previous, string Root, IReadOnlyList<Head> Heads, string? Mac = null);

    /// <summary>Appends a checkpoint of <paramref name="heads"/>; returns false when there is nothing to seal or sealing is off.</summary>
    public bool Seal(IReadOnlyCollection<(Guid InstanceId, int Sequence, string Hash)> heads, DateTimeOffset now)
    {
        if (!Enabled || heads.Count == 0) return false;
        lock (writing)
        {
            System.IO.Directory.CreateDirectory(Directory);
            var (line, previous) = LastOf(OwnFile);
            var sorted = heads.OrderBy(h => h.InstanceId).Select(h => new Head(h.InstanceId, h.Sequence, h.Hash)).ToList();
            var checkpoint = new Checkpoint(line + 1, now, previous, MerkleRoot(sorted), sorted);
            checkpoint = checkpoint with { Mac = Mac(checkpoint) };
            using var stream = new FileStream(OwnFile, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, Json) + "\n"));
            stream.Flush(flushToDisk: true);
            return true;
        }
    }

    /// <summary>What the checkpoints sealed of one instance, or the problem that makes the checkpoints untrustworthy.</summary>
    public (IReadOnlyList<SealedHead> Heads, string? Problem) For(Guid instanceId)
    {
        if (!Enabled || !System.IO.Directory.Exists(Directory)) return ([], null);
        var found = new List<SealedHead>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "seals-*.jsonl").Order())
        {
            var previous = Genesis;
            var expected = 1L;
            foreach (var text in File.ReadLines(file).Where(l => l.Length > 0))
            {
                Checkpoint? checkpoint;
                try
                {
                    checkpoint = JsonSerializer.Deserialize<Checkpoint>(text, Json);
                }
                catch (JsonException)
                {
                    return (found, $"Checkpoint line {expected} of {Path.GetFileName(file)} is not readable.");
                }
                if (checkpoint is null || checkpoint.Line != expected || checkpoint.Previous != previous)
                    return (found, $"The checkpoints of {Path.GetFileName(file)} are broken at line {expected}: one was removed or reordered.");
                if (checkpoint.Mac is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(checkpoint.Mac), Convert.FromHexString(Mac(checkpoint))))
                    return (found, $"Checkpoint line {expected} of {Path.GetFileName(file)} does not bear its seal.");
                if (MerkleRoot(checkpoint.Heads) != checkpoint.Root)
                    return (found, $"Checkpoint line {expected} of {Path.GetFileName(file)} does not match its root.");
                foreach (var head in checkpoint.Heads.Where(h => h.I == instanceId))
                    found.Add(new SealedHead(head.I, head.S, head.H, checkpoint.SealedAt));
                previous = LineHash(text);
                expected++;
            }
        }
        return (found, null);
    }

    const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    static (long Line, string Previous) LastOf(string file)
    {
        if (!File.Exists(file)) return (0, Genesis);
        var last = File.ReadLines(file).LastOrDefault(l => l.Length > 0);
        if (last is null) return (0, Genesis);
        var checkpoint = JsonSerializer.Deserialize<Checkpoint>(last, Json)!;
        return (checkpoint.Line, LineHash(last));
    }

    static string LineHash(string line) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));

    /// <summary>The Merkle root of the heads in instance order (SHA-256, a lone node carried up).</summary>
    static string MerkleRoot(IReadOnlyList<Head> heads)
    {
        var level = heads.Select(h => SHA256.HashData(Encoding.UTF8.GetBytes($"{h.I:N}\u001f{h.S}\u001f{h.H}"))).ToList();
        if (level.Count == 0) return Genesis;
        while (level.Count > 1)
            level = Enumerable.Range(0, (level.Count + 1) / 2)
                .Select(i => 2 * i + 1 < level.Count ? SHA256.HashData([.. level[2 * i], .. level[2 * i + 1]]) : level[2 * i]).ToList();
        return Convert.ToHexStringLower(level[0]);
    }

    string Mac(Checkpoint checkpoint) => Convert.ToHexStringLower(HMACSHA256.HashData(Key(),
        Encoding.UTF8.GetBytes($"{checkpoint.Line}\u001f{checkpoint.SealedAt.UtcTicks}\u001f{checkpoint.Previous}\u001f{checkpoint.Root}")));

    byte[] Key()
    {
        if (key is not null) return key;
        if (!string.IsNullOrWhiteSpace(options.Value.SealKey)) return key = Convert.FromBase64String(options.Value.SealKey);
        var file = Path.Combine(Directory, "seal.key");
        lock (writing)
        {
            if (!File.Exists(file))
            {
                System.IO.Directory.CreateDirectory(Directory);
                File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                logger.LogWarning("Journal checkpoints are sealed with a key generated into {File}; set Journal:SealKey to keep the key apart", file);
            }
            return key = Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}

/// <summary>Seals the journal heads of the instances that moved since the last checkpoint, every <c>Journal:SealInterval</c>.</summary>
public sealed class JournalSealer(IServiceScopeFactory scopes, JournalSeals seals, TimeProvider time, IOptions<JournalSealOptions> options,
    ILogger<JournalSealer> logger) : BackgroundService
{
    /// <summary>Instances are sealed again when they moved after the last seal, less this margin for transactions still committing.</summary>
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    DateTimeOffset? lastSeal;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!seals.Enabled)
        {
            logger.LogWarning("Journal:SealDirectory is not set: journal checkpoints are off, so a journal rewritten whole would not be detected");
            return;
        }
        using var timer = new PeriodicTimer(options.Value.SealInterval, time);
        try
        {
            do
            {
                try
                {
                    await SealAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Sealing the journal failed; trying again at the next interval");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Seals the heads of the instances updated since the last checkpoint (all of them the first time); returns how many.</summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var since = lastSeal - Margin;
        var moved = db.Instances.AsNoTracking().Where(i => since == null || i.UpdatedAt >= since).Select(i => i.Id);
        var heads = await db.Journal.AsNoTracking()
            .Where(j => moved.Contains(j.InstanceId) && j.Sequence == db.Journal.Where(k => k.InstanceId == j.InstanceId).Max(k => k.Sequence))
            .Select(j => new { j.InstanceId, j.Sequence, j.Hash }).ToListAsync(ct);
        seals.Seal(heads.Select(h => (h.InstanceId, h.Sequence, h.Hash)).ToList(), now);
        lastSeal = now;
        return heads.Count;
    }
}
