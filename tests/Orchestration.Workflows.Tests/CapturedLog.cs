using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orchestration.Workflows.Tests;

/// <summary>Keeps what a server logged, with the fields of each message, for tests that check what was written or warned.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    readonly ConcurrentQueue<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> Entries => [.. entries];

    /// <summary>What WriteLine wrote in one instance, in order, as Elsa's tests capture the lines of a run.</summary>
    public List<string> WrittenBy(Guid instanceId) =>
        [.. Entries.Where(e => e.Fields.TryGetValue("InstanceId", out var id) && id?.ToString() == instanceId.ToString()
                               && e.Fields.ContainsKey("ActivityId") && e.Fields.ContainsKey("Text"))
            .Select(e => e.Fields["Text"]?.ToString() ?? "")];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    sealed class Logger(CapturedLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.First().Value)
                : new Dictionary<string, object?>();
            owner.entries.Enqueue((logLevel, formatter(state, exception), fields));
        }
    }
}
