using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Orchestration.Bench;

/// <summary>
/// A second workflow-server process: the benchmark started with the <c>worker</c> mode over the same database and queues. It prints
/// <c>ready</c> once started and answers lines on its standard input: <c>shift &lt;ticks&gt;</c> moves its clock, <c>memory</c> prints its
/// managed heap after a full collection and its working set, <c>stop</c> ends it. The database is passed in the environment, not on
/// the command line.
/// </summary>
public sealed class Worker : IAsyncDisposable
{
    const string DatabaseVariable = "BENCH_WORKER_WORKFLOWS";
    const string PrefixVariable = "BENCH_WORKER_PREFIX";
    const string ClockVariable = "BENCH_WORKER_CLOCK_OFFSET";

    readonly Process process;
    readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    Worker(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) lines.Writer.TryComplete();
            else lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Console.Error.WriteLine($"  worker: {e.Data}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<Worker> StartAsync(BenchEnvironment environment, string workflowsDatabase, TimeSpan clockOffset)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet") start.ArgumentList.Add(typeof(Worker).Assembly.Location);
        start.ArgumentList.Add("worker");
        start.Environment[DatabaseVariable] = workflowsDatabase;
        start.Environment[PrefixVariable] = environment.Prefix;
        start.Environment[ClockVariable] = clockOffset.Ticks.ToString(CultureInfo.InvariantCulture);
        start.Environment["POSTGRES_CONNECTION"] = environment.Postgres;
        start.Environment["RABBITMQ_URL"] = environment.RabbitMq;
        var worker = new Worker(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start."));
        await worker.ExpectAsync("ready", TimeSpan.FromMinutes(2));
        return worker;
    }

    async Task<string> ExpectAsync(string prefix, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (await lines.Reader.WaitToReadAsync(timeout.Token))
            while (lines.Reader.TryRead(out var line))
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        throw new BenchFailure($"The worker ended before it said {prefix}.");
    }

    public async Task ShiftAsync(TimeSpan by)
    {
        await process.StandardInput.WriteLineAsync($"shift {by.Ticks.ToString(CultureInfo.InvariantCulture)}");
        await process.StandardInput.FlushAsync();
        await ExpectAsync("shifted", TimeSpan.FromSeconds(30));
    }

    public async Task<(long Heap, long WorkingSet)> MemoryAsync()
    {
        await process.StandardInput.WriteLineAsync("memory");
        await process.StandardInput.FlushAsync();
        var parts = (await ExpectAsync("memory", TimeSpan.FromSeconds(60))).Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await process.StandardInput.WriteLineAsync("stop");
                await process.StandardInput.FlushAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    /// <summary>The worker's side: runs a workflow server until told to stop.</summary>
    public static async Task RunAsync()
    {
        var environment = BenchEnvironment.FromVariables() with
        {
            Prefix = Environment.GetEnvironmentVariable(PrefixVariable) ?? throw new InvalidOperationException($"Set {PrefixVariable}."),
        };
        var database = Environment.GetEnvironmentVariable(DatabaseVariable) ?? throw new InvalidOperationException($"Set {DatabaseVariable}.");
        var offset = long.Parse(Environment.GetEnvironmentVariable(ClockVariable) ?? "0", CultureInfo.InvariantCulture);
        await using var server = await WorkflowServer.StartAsync(environment, standIn: false, workflowsDatabase: database, clockOffsetTicks: offset, name: "workflow-bench-worker");
        Console.WriteLine("ready");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts.FirstOrDefault())
            {
                case "shift":
                    server.Clock.Shift(TimeSpan.FromTicks(long.Parse(parts[1], CultureInfo.InvariantCulture)));
                    Console.WriteLine("shifted");
                    break;
                case "memory":
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    using (var self = Process.GetCurrentProcess())
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory {GC.GetTotalMemory(false)} {self.WorkingSet64}"));
                    break;
                case "stop":
                    return;
            }
        }
    }
}
