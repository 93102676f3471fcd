using System.Globalization;
using System.Text;

namespace Orchestration.Bench;

/// <summary>Sizes of one <c>compare</c> run.</summary>
public sealed record CompareSizes(int Procedures = 300, int Burst = 10_000, int Rate = 2_000, int Seconds = 15, int Pending = 50_000,
    int Appointments = 50);

/// <summary>
/// The peers and the runtime's measurements in one run, on the same servers, and one markdown table of the ratios against the targets
/// of the performance goals.
/// </summary>
public static class Compare
{
    public static async Task<string> RunAsync(BenchEnvironment environment, CompareSizes sizes)
    {
        var durability = await Fsync.DescribeAsync(environment.Postgres);
        var all = new Dictionary<string, Measurement>();
        async Task Run(Func<Task<Measurement[]>> measure)
        {
            foreach (var m in await measure()) all[m.Key] = m;
        }

        await Run(() => Peers.RawBusAsync(environment, sizes.Procedures));
        await Run(() => Peers.DurableMinimalAsync(environment, sizes.Procedures));
        await Run(() => RoundTrips.RunAsync(environment, sizes.Procedures));
        await Run(() => QuartzPeer.BurstAsync(environment, sizes.Burst));
        await Run(() => Timers.CombinedAsync(environment, sizes.Burst, sizes.Pending));
        await Run(() => Timers.SustainedModeAsync(environment, sizes.Rate, sizes.Seconds));
        await Run(() => Appointment.RunAsync(environment, sizes.Appointments));

        var table = Table(all, sizes, durability);
        Console.WriteLine();
        Console.WriteLine(table);
        return table;
    }

    static string F(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    static string Met(bool met) => met ? "yes" : "**no**";

    public static string Table(IReadOnlyDictionary<string, Measurement> m, CompareSizes sizes, string durability)
    {
        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL {durability}; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; " +
                                                      $"journals of {JournalCheck.Verified:N0} instances verified, all intact");
        rows.AppendLine();
        rows.AppendLine("| measurement | this project | peer | ratio | target | met? |");
        rows.AppendLine("|---|---|---|---|---|---|");
        var procedures = m["round-trips"];
        var raw = m["raw-bus"];
        var durable = m["durable-minimal"];
        var quartz = m["quartz"];
        var burst = m["timers"];
        var sustained = m["timers-sustained"];
        var pending = m["timers-pending"];
        var memory = m["memory"];
        var replicas = m["replicas"];
        var appointment = m["appointment"];

        var ofRaw = procedures.Value / raw.Value;
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {sizes.Procedures} procedures × 5 steps, a service inbox + outbox transaction per step | {F(procedures.Value)} procedures/s | raw MassTransit request/response chains of 5: {F(raw.Value)} chains/s | {ofRaw * 100:F0}% | ≥ 50% | {Met(ofRaw >= 0.5)} |");
        var ofDurable = procedures.Value / durable.Value;
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| same | | hand-written durable orchestrator (state row + outbox row per step, publish after commit): {F(durable.Value)} chains/s | {ofDurable * 100:F0}% | ≥ 70% | {Met(ofDurable >= 0.7)} |");
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
