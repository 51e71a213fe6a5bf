using Microsoft.Extensions.Logging;

namespace MediaOrleans.Tests.Logging;

/// <summary>Keeps every entry written to it, so a test can say what was logged and how loudly.</summary>
public sealed class CollectingLogger : ILogger
{
    private readonly List<(LogLevel Level, Exception? Exception)> _entries = [];

    /// <summary>Entries at <paramref name="level"/>.</summary>
    public int Count(LogLevel level) => _entries.Count(entry => entry.Level == level);

    /// <summary>Whether any entry carried an exception (and so a stack trace in most sinks).</summary>
    public bool AnyException => _entries.Any(entry => entry.Exception is not null);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Add((logLevel, exception));
}
