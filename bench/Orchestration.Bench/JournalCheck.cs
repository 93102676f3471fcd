using Microsoft.EntityFrameworkCore;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Bench;

/// <summary>
/// C1 after every run: the journal of every instance the run created verifies (hash chain, stored state against its last saved
/// state, sealed checkpoints) through the runtime's own <see cref="JournalVerifier"/> and <see cref="JournalSeals"/>. A broken journal
/// fails the run.
/// </summary>
public static class JournalCheck
{
    static long verified;

    /// <summary>Instances verified so far in this process.</summary>
    public static long Verified => Interlocked.Read(ref verified);

    /// <summary>Verifies every instance in the server's database, in pages; returns how many.</summary>
    public static async Task<int> VerifyAllAsync(IServiceProvider services)
    {
        var seals = services.GetRequiredService<JournalSeals>();
        var count = 0;
        Guid? after = null;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var page = await db.Instances.AsNoTracking().Where(i => after == null || i.Id > after.Value)
                .OrderBy(i => i.Id).Take(2000).ToListAsync();
            if (page.Count == 0) break;
            var ids = page.Select(i => i.Id).ToList();
            var journal = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).ToListAsync()).ToLookup(j => j.InstanceId);
            foreach (var instance in page)
            {
                var entries = journal[instance.Id].ToList();
                var (heads, problem) = seals.For(instance.Id);
                var verification = JournalVerifier.Verify(entries, instance, heads, problem);
                if (!verification.Valid || entries.Count == 0)
                    throw new BenchFailure($"The journal of instance {instance.Id} ({instance.DefinitionId}) does not verify: " +
                                           $"{verification.Problem ?? "no entries"} (entry {verification.FirstBrokenSequence}).");
            }
            count += page.Count;
            after = page[^1].Id;
        }
        Interlocked.Add(ref verified, count);
        Console.WriteLine($"  journals: {count} instances verified, all intact");
        return count;
    }
}
