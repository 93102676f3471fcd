using System.Diagnostics;
using Quartz;

namespace Orchestration.Bench;

/// <summary>Counts the firings of the Quartz peer.</summary>
public sealed class CountingJob : IJob
{
    static int fired;
    static long lastTicks;

    public static int Fired => Volatile.Read(ref fired);

    /// <summary>When the last firing ran (Stopwatch ticks).</summary>
    public static long LastTicks => Interlocked.Read(ref lastTicks);

    public static void Reset()
    {
        Volatile.Write(ref fired, 0);
        Interlocked.Exchange(ref lastTicks, 0);
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref fired);
        Interlocked.Exchange(ref lastTicks, Stopwatch.GetTimestamp());
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Quartz.NET 4.7.3 with its clustered AdoJobStore on PostgreSQL (what Elsa uses when clustered), on a database of its own and otherwise
/// its shipped defaults (its default thread pool, one trigger acquired at a time); the store creates its tables from the script the
/// package embeds. <c>count</c> one-shot triggers are stored while the scheduler stands by, all due at that moment; the scheduler then starts and the time until the last job ran gives the drain rate.
/// </summary>
public static class QuartzPeer
{
    public static async Task<Measurement[]> BurstAsync(BenchEnvironment environment, int count)
    {
        var database = environment.Database("quartz");
        await WorkflowServer.CreateAsync(database);
        try
        {
            // The store creates its tables from the PostgreSQL script embedded in the Quartz package.
            var scheduler = await QuartzSchedulerBuilder.Create(quartz => quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(database);
                store.UseClustering(_ => { });
                store.ProvisionSchema();
            })).BuildScheduler();
            try
            {
                var create = Stopwatch.StartNew();
                var due = DateTimeOffset.UtcNow;
                for (var offset = 0; offset < count; offset += 1000)
                {
                    var batch = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
                    for (var i = offset; i < Math.Min(count, offset + 1000); i++)
                        batch[JobBuilder.Create<CountingJob>().WithIdentity($"job-{i}").Build()] =
                            [TriggerBuilder.Create().WithIdentity($"trigger-{i}").StartAt(due)
                            .WithMisfireThreshold(TimeSpan.FromHours(1)).Build()]; // fired in order, not handled as misfires
                    await scheduler.ScheduleJobs(batch, new ScheduleJobOptions());
                }
                Console.WriteLine($"  quartz: {count} one-shot triggers stored in {create.Elapsed.TotalSeconds:F1} s");

                CountingJob.Reset();
                var started = Stopwatch.GetTimestamp();
                await scheduler.Start();
                var watch = Stopwatch.StartNew();
                while (CountingJob.Fired < count)
                {
                    if (watch.Elapsed > TimeSpan.FromMinutes(30)) throw new BenchFailure($"quartz: {CountingJob.Fired} of {count} fired after 30 minutes.");
                    await Task.Delay(100);
                }
                var drained = Stopwatch.GetElapsedTime(started, CountingJob.LastTicks);
                var rate = count / drained.TotalSeconds;
                Console.WriteLine($"quartz: {count} triggers due at once drained in {drained.TotalSeconds:F1} s = {rate:F0} timers/s");
                return [new("quartz", $"Quartz.NET 4.7.3 clustered AdoJobStore, {count:N0} triggers due at once", rate, "timers/s", $"{count} triggers")];
            }
            finally
            {
                await scheduler.Shutdown(waitForJobsToComplete: false);
            }
        }
        finally
        {
            await WorkflowServer.DropAsync(database);
        }
    }
}
