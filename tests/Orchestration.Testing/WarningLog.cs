using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orchestration.Testing;

/// <summary>
/// Keeps the warnings and errors a host logs, so a test that times out waiting for it can say what the host met meanwhile (a timer
/// that failed to fire, a message that could not be consumed) instead of only that nothing happened.
/// </summary>
/// <param name="informationFrom">Categories (prefixes) whose information is kept as well.</param>
public sealed class WarningLog(params string[] informationFrom) : ILoggerProvider
{
    readonly ConcurrentQueue<string> lines = new();
    readonly string[] informationFrom = informationFrom;

    /// <summary>The last <paramref name="count"/> warnings and errors, oldest first, one line each.</summary>
    public IReadOnlyList<string> Last(int count = 20) => [.. lines.Skip(Math.Max(0, lines.Count - count))];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    void Add(string line)
    {
        lines.Enqueue(line);
        while (lines.Count > 500) lines.TryDequeue(out _);
    }

    sealed class Logger(WarningLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        readonly LogLevel least = log.informationFrom.Any(category.StartsWith) ? LogLevel.Information : LogLevel.Warning;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= least && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var cause = exception?.GetBaseException() is { } e ? $" — {e.GetType().Name}: {e.Message}" : "";
            log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{cause}".ReplaceLineEndings(" "));
        }
    }
}
