using System.Globalization;
using System.Text;

namespace Orchestration.Bench;

/// <summary>Sizes of one <c>compare</c> run.</summary>
public sealed record CompareSizes(int Procedures = 300, int Burst = 10_000, int Rate = 2_000, int Seconds = 15, int Pending = 50_000,
    int Appointments = 50, int Rounds = 3);

/// <summary>
/// The step measurements of one round: the raw bus, the durable-minimal peer and the runtime, run one after the other, so the ratios of a
/// round compare figures taken within a minute of each other.
/// </summary>
public sealed record StepRound(double Procedures, double RawBus, double DurableMinimal)
{
    public double OfRaw => Procedures / RawBus;

    public double OfDurable => Procedures / DurableMinimal;
}

/// <summary>
/// The peers and the runtime's measurements in one run, on the same servers, and one markdown table of the ratios against the targets
/// of the performance goals.
/// </summary>
public static class Compare
{
    public static async Task<string> RunAsync(BenchEnvironment environment, CompareSizes sizes)
    {
        Timers.CheckPending(sizes.Pending);
        var durability = await Fsync.DescribeAsync(environment.Postgres);
        var all = new Dictionary<string, Measurement>();
        async Task Run(Func<Task<Measurement[]>> measure)
        {
            foreach (var m in await measure()) all[m.Key] = m;
        }

        // The step figures move by a third from one minute to the next on a small machine: each ratio is the median of several rounds,
        // each round measuring the peers and the runtime back to back.
        var rounds = new List<StepRound>();
        var roundCount = Math.Max(1, sizes.Rounds);
        for (var round = 1; round <= roundCount; round++)
        {
            Console.WriteLine($"step round {round} of {roundCount}");
            var raw = (await Peers.RawBusAsync(environment, sizes.Procedures)).Single(m => m.Key == "raw-bus");
            var durable = (await Peers.DurableMinimalAsync(environment, sizes.Procedures)).Single(m => m.Key == "durable-minimal");
            var procedures = (await RoundTrips.RunAsync(environment, sizes.Procedures)).Single(m => m.Key == "round-trips");
            rounds.Add(new StepRound(procedures.Value, raw.Value, durable.Value));
            all[durable.Key] = durable;
            all[procedures.Key] = procedures;
        }
        await Run(() => QuartzPeer.BurstAsync(environment, sizes.Burst));
        await Run(() => Timers.CombinedAsync(environment, sizes.Burst, sizes.Pending));
        await Run(() => Timers.SustainedModeAsync(environment, sizes.Rate, sizes.Seconds));
        await Run(() => Appointment.RunAsync(environment, sizes.Appointments));

        var table = Table(all, rounds, sizes, durability);
        Console.WriteLine();
        Console.WriteLine(table);
        return table;
    }

    static string F(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    static string Met(bool met) => met ? "yes" : "**no**";

    /// <summary>The median of the figures (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>A ratio as a percentage with the range of the rounds, e.g. <c>14% (12–17% in 3 rounds)</c>.</summary>
    static string Percent(IReadOnlyList<double> ratios) => ratios.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{ratios[0] * 100:F0}%")
        : string.Create(CultureInfo.InvariantCulture, $"{Median(ratios) * 100:F0}% ({ratios.Min() * 100:F0}–{ratios.Max() * 100:F0}% in {ratios.Count} rounds)");

    public static string Table(IReadOnlyDictionary<string, Measurement> m, IReadOnlyList<StepRound> rounds, CompareSizes sizes, string durability)
    {
        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL {durability}; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; " +
                                                      $"journals of {JournalCheck.Verified:N0} instances verified, all intact");
        rows.AppendLine();
        rows.AppendLine("| measurement | this project | peer | ratio | target | met? |");
        rows.AppendLine("|---|---|---|---|---|---|");
        var procedures = Median(rounds.Select(r => r.Procedures));
        var raw = Median(rounds.Select(r => r.RawBus));
        var durable = Median(rounds.Select(r => r.DurableMinimal));
        var quartz = m["quartz"];
        var burst = m["timers"];
        var sustained = m["timers-sustained"];
        var pending = m["timers-pending"];
        var memory = m["memory"];
        var replicas = m["replicas"];
        var appointment = m["appointment"];

        var ofRaw = rounds.Select(r => r.OfRaw).ToList();
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {sizes.Procedures} procedures × 5 steps, a service inbox + outbox transaction per step | {F(procedures)} procedures/s | raw MassTransit request/response chains of 5: {F(raw)} chains/s | {Percent(ofRaw)} | ≥ 50% | {Met(Median(ofRaw) >= 0.5)} |");
        var ofDurable = rounds.Select(r => r.OfDurable).ToList();
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| same | | hand-written durable orchestrator (state row + outbox row per step, publish after commit): {F(durable)} chains/s | {Percent(ofDurable)} | ≥ 70% | {Met(Median(ofDurable) >= 0.7)} |");
        if (m.TryGetValue("round-trips", out var ours) && ours.Database is var (work, steps)
            && m.TryGetValue("durable-minimal", out var peer) && peer.Database is var (peerWork, peerSteps))
        {
            var transactions = (double)work.Transactions / steps / ((double)peerWork.Transactions / peerSteps);
            var rowsWritten = (double)work.RowsWritten / steps / ((double)peerWork.RowsWritten / peerSteps);
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| same, database work per step (`pg_stat_database`, the last round) | {work.PerStep(steps)} | durable-minimal: {peerWork.PerStep(peerSteps)} | {transactions:F1}× the transactions, {rowsWritten:F1}× the rows | | |");
        }
        var ofQuartz = burst.Value / quartz.Value;
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {sizes.Burst:N0} timers due at once | {F(burst.Value)} timers/s ({burst.Detail}) | Quartz.NET 4.7.3 clustered AdoJobStore: {F(quartz.Value)} timers/s | {ofQuartz:F1}× | ≥ 10× | {Met(ofQuartz >= 10)} |");
        var p99 = sustained.Extra ?? double.NaN;
        var rateOfQuartz = sustained.Value / quartz.Value;
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| timers due evenly at {sizes.Rate:N0}/s for {sizes.Seconds} s | p99 lateness {p99 / 1000:F2} s | 5 × Quartz's burst rate: {F(5 * quartz.Value)} timers/s | rate {rateOfQuartz:F1}× Quartz | p99 < 1 s at ≥ 5× | {Met(p99 < 1000 && rateOfQuartz >= 5)} |");
        var slowed = pending.Value / (pending.Extra ?? double.NaN);
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {sizes.Burst:N0}-timer burst among {sizes.Pending:N0} pending timers | {F(pending.Value)} timers/s | the same burst, none pending: {F(pending.Extra ?? double.NaN)} timers/s | {slowed * 100:F0}% | ≥ 80% | {Met(slowed >= 0.8)} |");
        var grown = memory.Value / (memory.Extra ?? double.NaN);
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| workflow-server memory (managed heap after a full collection), {sizes.Pending:N0} waiting instances | {F(memory.Value)} MB | 10,000 waiting: {F(memory.Extra ?? double.NaN)} MB | {grown * 100:F0}% | ≤ 120% | {Met(grown <= 1.2)} |");
        var scaled = replicas.Value / (replicas.Extra ?? double.NaN);
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {sizes.Burst:N0}-timer burst among the pending timers, two workflow-server processes | {F(replicas.Value)} timers/s | one process: {F(replicas.Extra ?? double.NaN)} timers/s | {scaled:F2}× | > 1× | {Met(scaled > 1)} |");
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| cadre-appointment.json end to end, stub services (JavaScript-heavy) | {F(appointment.Value)} procedures/s ({appointment.Detail}) | | | | |");
        return rows.ToString();
    }
}
