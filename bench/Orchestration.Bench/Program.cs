using System.Globalization;
using Orchestration.Bench;

// Usage (after `source /tmp/orchestration-servers/env`; every run uses databases and queues of its own, removed at the end):
//   dotnet run --project bench/Orchestration.Bench -c Release -- [fsync on|off] <mode> [sizes]
// Modes: compare, round-trips, raw-bus, durable-minimal, quartz, timers, timers-sustained, timers-pending, memory, appointment, replicas,
// embedded-start; see bench/Orchestration.Bench/README.md.
var arguments = args.ToList();
if (arguments.FirstOrDefault() == "worker")
{
    await Worker.RunAsync();
    return 0;
}

bool? fsync = null;
if (arguments.FirstOrDefault() == "fsync")
{
    fsync = arguments.ElementAtOrDefault(1) switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException("fsync on|off"),
    };
    arguments.RemoveRange(0, 2);
}
var mode = arguments.FirstOrDefault() ?? "compare";
int Size(int position, int fallback) =>
    int.TryParse(arguments.ElementAtOrDefault(position), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

if (mode == "embedded-start")
{
    // Needs no server: the embedded host runs on SQLite and the in-memory transport.
    var repository = arguments.ElementAtOrDefault(1) ?? Directory.GetCurrentDirectory();
    var (first, later) = await EmbeddedStart.MeasureAsync(repository, laterStarts: 3);
    var median = later.Order().ElementAt(later.Count / 2);
    Console.WriteLine($"embedded host ready: first start {first.TotalSeconds:F1} s (empty data directory), later starts median {median.TotalSeconds:F1} s " +
                      $"({string.Join(", ", later.Select(s => $"{s.TotalSeconds:F1}"))})");
    return 0;
}

var environment = BenchEnvironment.FromVariables();
async Task<int> Run()
{
    try
    {
        switch (mode)
        {
            case "compare":
                var defaults = new CompareSizes();
                await Compare.RunAsync(environment, new CompareSizes(Size(1, defaults.Procedures), Size(2, defaults.Burst), Size(3, defaults.Rate),
                    Size(4, defaults.Seconds), Size(5, defaults.Pending), Size(6, defaults.Appointments), Size(7, defaults.Rounds)));
                break;
            case "round-trips": await RoundTrips.RunAsync(environment, Size(1, 300)); break;
            case "raw-bus": await Peers.RawBusAsync(environment, Size(1, 300)); break;
            case "durable-minimal": await Peers.DurableMinimalAsync(environment, Size(1, 300)); break;
            case "quartz": await QuartzPeer.BurstAsync(environment, Size(1, 20_000)); break;
            case "timers": await Timers.BurstModeAsync(environment, Size(1, 20_000)); break;
            case "timers-sustained": await Timers.SustainedModeAsync(environment, Size(1, 2_000), Size(2, 60)); break;
            case "timers-pending": await Timers.PendingModeAsync(environment, Size(1, 1_000_000), Size(2, 20_000)); break;
            case "memory": await Timers.MemoryModeAsync(environment, Size(1, 1_000_000)); break;
            case "timers-combined": await Timers.CombinedAsync(environment, Size(1, 10_000), Size(2, 50_000), Size(3, 10_000)); break;
            case "replicas": await Timers.ReplicasModeAsync(environment, Size(1, 20_000)); break;
            case "appointment": await Appointment.RunAsync(environment, Size(1, 100)); break;
            default:
                Console.Error.WriteLine($"Unknown mode {mode}; see bench/Orchestration.Bench/README.md.");
                return 2;
        }
        return 0;
    }
    catch (BenchFailure failure)
    {
        Console.Error.WriteLine($"FAILED: {failure.Message}");
        return 1;
    }
    finally
    {
        await Queues.RemoveAsync(environment);
    }
}

try
{
    return fsync is { } on ? await Fsync.WithAsync(environment.Postgres, on, Run) : await Run();
}
catch (BenchFailure failure)
{
    Console.Error.WriteLine($"FAILED: {failure.Message}");
    return 1;
}
