using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PatchDb.Tests.Onnx;

/// <summary>Keeps formatted log lines so tests can read what a component reported.</summary>
public sealed class ListLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(formatter(state, exception));
}
