using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestration.Bench;

/// <summary>How a set of timers fired: the drain rate and each one's lateness against its own due time.</summary>
public sealed record Firing(int Count, double Rate, double P50Ms, double P99Ms, double MaxMs)
{
    public override string ToString() =>
        $"{Count} fired at {Rate:F0} timers/s; lateness p50 {P50Ms:F0} ms, p99 {P99Ms:F0} ms, max {MaxMs:F0} ms";
}

/// <summary>The timer measurements: a burst, a sustained rate, a burst among many pending timers, replicas, and memory.</summary>
public static class Timers
{
    static readonly TimeSpan BurstWait = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Creates <paramref name="count"/> one-timer procedures, then moves the clock so that all fall due at once. The rate is the count
    /// over the time from that moment to the last firing; lateness is each firing (the instance's FinishedAt) after that moment.
    /// </summary>
    public static async Task<Firing> BurstAsync(WorkflowServer server, string definitionId, int count, Func<TimeSpan, Task>? shiftOthers = null)
    {
        await server.PublishAsync(BenchDefinitions.Delay(definitionId, BurstWait));
        var create = Stopwatch.StartNew();
        await Procedures.StartManyAsync(server.Services, definitionId, count, _ => null);
        Console.WriteLine($"  {definitionId}: {count} timers created in {create.Elapsed.TotalSeconds:F1} s ({count / create.Elapsed.TotalSeconds:F0}/s)");

        var shift = BurstWait + TimeSpan.FromSeconds(1); // the last one created is now due too
        if (shiftOthers is not null) await shiftOthers(shift);
        server.Clock.Shift(shift);
        var dueAt = server.Clock.GetUtcNow();
        await Procedures.WaitUntilFinishedAsync(server.Services, definitionId, count, Stopwatch.StartNew());
        var finished = await Procedures.FinishedAtAsync(server.Services, definitionId);
        var late = finished.Values.Select(f => Math.Max(0, (f - dueAt).TotalMilliseconds)).Order().ToList();
        return new Firing(count, count / Math.Max(late[^1], 1) * 1000, Percentile.Of(late, 0.5), Percentile.Of(late, 0.99), late[^1]);
    }

    public static async Task<Measurement[]> BurstModeAsync(BenchEnvironment environment, int count)
    {
        await using var server = await WorkflowServer.StartAsync(environment, standIn: false);
        var firing = await BurstAsync(server, "one-timer", count);
        Console.WriteLine($"timers: burst of {firing}");
        await JournalCheck.VerifyAllAsync(server.Services);
        return [new("timers", $"{count:N0} timers due at once", firing.Rate, "timers/s", $"p99 lateness {firing.P99Ms / 1000:F1} s")];
    }

    /// <summary>
    /// Timers due evenly at <paramref name="rate"/> per second for <paramref name="seconds"/>: all are created with due times a day
    /// ahead, then the clock moves so the first falls due three seconds later. Lateness is each instance's FinishedAt against its own
    /// due time (its input <c>dueAt</c>).
    /// </summary>
    public static async Task<Measurement[]> SustainedModeAsync(BenchEnvironment environment, int rate, int seconds)
    {
        await using var server = await WorkflowServer.StartAsync(environment, standIn: false);
        const string definitionId = "timer-due-at";
        await server.PublishAsync(BenchDefinitions.DueAt(definitionId));
        var count = rate * seconds;
        var first = server.Clock.GetUtcNow().AddDays(1);
        DateTimeOffset Due(int i) => first.AddTicks((long)(i * (double)TimeSpan.TicksPerSecond / rate));
        var create = Stopwatch.StartNew();
        var ids = await Procedures.StartManyAsync(server.Services, definitionId, count,
            i => new JsonObject { ["dueAt"] = Due(i).ToString("O", CultureInfo.InvariantCulture) });
        Console.WriteLine($"  {count} timers due over {seconds} s created in {create.Elapsed.TotalSeconds:F1} s ({count / create.Elapsed.TotalSeconds:F0}/s)");

        server.Clock.Shift(first - TimeSpan.FromSeconds(3) - server.Clock.GetUtcNow());
        await Procedures.WaitUntilFinishedAsync(server.Services, definitionId, count, Stopwatch.StartNew(), TimeSpan.FromSeconds(seconds) + TimeSpan.FromMinutes(30));
        var finished = await Procedures.FinishedAtAsync(server.Services, definitionId);
        var late = ids.Select((id, i) => Math.Max(0, (finished[id] - Due(i)).TotalMilliseconds)).Order().ToList();
        var firing = new Firing(count, rate, Percentile.Of(late, 0.5), Percentile.Of(late, 0.99), late[^1]);
        Console.WriteLine($"timers-sustained: {rate}/s for {seconds} s: lateness p50 {firing.P50Ms:F0} ms, p99 {firing.P99Ms:F0} ms, max {firing.MaxMs:F0} ms");
        await JournalCheck.VerifyAllAsync(server.Services);
        return [new("timers-sustained", $"timers due evenly at {rate:N0}/s for {seconds} s", rate, "timers/s", $"p99 lateness {firing.P99Ms:F0} ms")
            { Extra = firing.P99Ms }];
    }

    /// <summary>
    /// A burst with no other timers waiting, then <paramref name="pending"/> timers due in a year and the same burst again: how much the
    /// pending timers slow the firing.
    /// </summary>
    public static async Task<Measurement[]> PendingModeAsync(BenchEnvironment environment, int pending, int burst)
    {
        await using var server = await WorkflowServer.StartAsync(environment, standIn: false);
        var alone = await BurstAsync(server, "burst-alone", burst);
        Console.WriteLine($"timers-pending: burst alone {alone}");
        await server.PublishAsync(BenchDefinitions.Delay("pending-year", TimeSpan.FromDays(365)));
        var create = Stopwatch.StartNew();
        await Procedures.StartManyAsync(server.Services, "pending-year", pending, _ => null);
        Console.WriteLine($"  {pending} pending timers created in {create.Elapsed.TotalSeconds:F1} s ({pending / create.Elapsed.TotalSeconds:F0}/s)");
        var among = await BurstAsync(server, "burst-among-pending", burst);
        Console.WriteLine($"timers-pending: burst among {pending:N0} pending {among}; {among.Rate / alone.Rate * 100:F0}% of the rate alone");
        await JournalCheck.VerifyAllAsync(server.Services);
        return [new("timers-pending", $"{burst:N0}-timer burst among {pending:N0} pending timers", among.Rate, "timers/s",
            $"{alone.Rate:F0} timers/s with none pending") { Extra = alone.Rate }];
    }

    /// <summary>
    /// The memory of a workflow-server process (the benchmark started as a worker) over a database with <c>10,000</c> and then
    /// <paramref name="waiting"/> instances waiting for a timer due in a year: managed heap after a full collection, and working set.
    /// </summary>
    public static async Task<Measurement[]> MemoryModeAsync(BenchEnvironment environment, int waiting, int baseline = MemoryBaseline)
    {
        CheckPending(waiting, baseline);
        await using var server = await WorkflowServer.StartAsync(environment, standIn: false);
        await server.PublishAsync(BenchDefinitions.Delay("waiting-year", TimeSpan.FromDays(365)));
        await Procedures.StartManyAsync(server.Services, "waiting-year", baseline, _ => null);
        var small = await MeasureWorkerAsync(environment, server);
        Console.WriteLine($"memory: {baseline:N0} waiting: managed heap {small.Heap / 1048576.0:F1} MB, working set {small.WorkingSet / 1048576.0:F1} MB");
        var create = Stopwatch.StartNew();
        await Procedures.StartManyAsync(server.Services, "waiting-year", waiting - baseline, _ => null);
        Console.WriteLine($"  {waiting - baseline} more waiting instances created in {create.Elapsed.TotalSeconds:F1} s");
        var large = await MeasureWorkerAsync(environment, server);
        Console.WriteLine($"memory: {waiting:N0} waiting: managed heap {large.Heap / 1048576.0:F1} MB, working set {large.WorkingSet / 1048576.0:F1} MB");
        await JournalCheck.VerifyAllAsync(server.Services);
        return [new("memory", $"workflow-server memory, {waiting:N0} vs {baseline:N0} waiting instances", large.Heap / 1048576.0, "MB heap",
            $"{small.Heap / 1048576.0:F0} MB heap at {baseline:N0}; working set {large.WorkingSet / 1048576.0:F0} vs {small.WorkingSet / 1048576.0:F0} MB")
            { Extra = small.Heap / 1048576.0 }];
    }

    static async Task<(long Heap, long WorkingSet)> MeasureWorkerAsync(BenchEnvironment environment, WorkflowServer server)
    {
        await using var worker = await Worker.StartAsync(environment, server.WorkflowsDatabase, server.Clock.Offset);
        await Task.Delay(TimeSpan.FromSeconds(20)); // a few timer polls, the definitions compiled, the pools warm
        long heap = 0, workingSet = 0;
        for (var i = 0; i < 3; i++)
        {
            var (h, w) = await worker.MemoryAsync();
            heap = Math.Max(heap, h);
            workingSet = Math.Max(workingSet, w);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        return (heap, workingSet);
    }

    /// <summary>The same burst fired by one workflow-server process, then by two (the benchmark and a worker over the same database).</summary>
    public static async Task<Measurement[]> ReplicasModeAsync(BenchEnvironment environment, int count)
    {
        await using var server = await WorkflowServer.StartAsync(environment, standIn: false);
        var one = await BurstAsync(server, "burst-one-server", count);
        Console.WriteLine($"replicas: one process {one}");
        Firing two;
        await using (var worker = await Worker.StartAsync(environment, server.WorkflowsDatabase, server.Clock.Offset))
        {
            two = await BurstAsync(server, "burst-two-servers", count, worker.ShiftAsync);
            Console.WriteLine($"replicas: two processes {two}; {two.Rate / one.Rate:F2}x");
        }
        await JournalCheck.VerifyAllAsync(server.Services);
        return [new("replicas", $"{count:N0}-timer burst, two workflow-server processes vs one", two.Rate, "timers/s", $"{one.Rate:F0} timers/s with one")
            { Extra = one.Rate }];
    }

    /// <summary>Waiting instances the memory figure starts from; the pending timers of a combined run are at least as many.</summary>
    public const int MemoryBaseline = 10_000;

    /// <summary>Refuses a run whose pending timers are fewer than the memory figure's baseline, before anything is measured.</summary>
    public static void CheckPending(int pending, int baseline = MemoryBaseline)
    {
        if (pending < baseline)
            throw new BenchFailure($"{pending:N0} pending timers are fewer than the {baseline:N0} waiting instances the memory figure starts from: give at least {baseline:N0}.");
    }

    /// <summary>
    /// The timer measurements of <c>compare</c> on one database, so each seeded timer serves several: a burst fired by one process; then
    /// 10,000 timers due in a year and the worker's memory; <paramref name="pending"/> of them and its memory again; the burst among
    /// them fired by one process; the same burst fired by two.
    /// </summary>
    public static async Task<Measurement[]> CombinedAsync(BenchEnvironment environment, int burst, int pending, int baseline = MemoryBaseline)
    {
        CheckPending(pending, baseline);
        await using var server = await WorkflowServer.StartAsync(environment, standIn: false);
        var alone = await BurstAsync(server, "burst-alone", burst);
        Console.WriteLine($"timers: burst alone {alone}");

        await server.PublishAsync(BenchDefinitions.Delay("pending-year", TimeSpan.FromDays(365)));
        var create = Stopwatch.StartNew();
        await Procedures.StartManyAsync(server.Services, "pending-year", baseline, _ => null);
        create.Stop();
        var small = await MeasureWorkerAsync(environment, server);
        Console.WriteLine($"memory: {baseline:N0} waiting: managed heap {small.Heap / 1048576.0:F1} MB, working set {small.WorkingSet / 1048576.0:F1} MB");
        create.Start();
        await Procedures.StartManyAsync(server.Services, "pending-year", pending - baseline, _ => null);
        Console.WriteLine($"  {pending} pending timers created in {create.Elapsed.TotalSeconds:F1} s ({pending / create.Elapsed.TotalSeconds:F0}/s)");
        var large = await MeasureWorkerAsync(environment, server);
        Console.WriteLine($"memory: {pending:N0} waiting: managed heap {large.Heap / 1048576.0:F1} MB, working set {large.WorkingSet / 1048576.0:F1} MB");

        var among = await BurstAsync(server, "burst-among-pending", burst);
        Console.WriteLine($"timers-pending: burst among {pending:N0} pending {among}; {among.Rate / alone.Rate * 100:F0}% of the rate alone");
        Firing two;
        await using (var worker = await Worker.StartAsync(environment, server.WorkflowsDatabase, server.Clock.Offset))
        {
            two = await BurstAsync(server, "burst-two-servers", burst, worker.ShiftAsync);
            Console.WriteLine($"replicas: two processes {two}; {two.Rate / among.Rate:F2}x one process");
        }
        await JournalCheck.VerifyAllAsync(server.Services);
        return
        [
            new("timers", $"{burst:N0} timers due at once", alone.Rate, "timers/s", $"p99 lateness {alone.P99Ms / 1000:F1} s"),
            new("timers-pending", $"{burst:N0}-timer burst among {pending:N0} pending timers", among.Rate, "timers/s", "") { Extra = alone.Rate },
            new("memory", $"workflow-server memory, {pending:N0} vs {baseline:N0} waiting instances", large.Heap / 1048576.0, "MB heap",
                $"working set {large.WorkingSet / 1048576.0:F0} vs {small.WorkingSet / 1048576.0:F0} MB") { Extra = small.Heap / 1048576.0 },
            new("replicas", $"{burst:N0}-timer burst among {pending:N0} pending, two workflow-server processes vs one", two.Rate, "timers/s", "") { Extra = among.Rate },
        ];
    }
}
