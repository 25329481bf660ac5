namespace PatchDb.AppHost.Hosting;

/// <summary>The console output of one resource, kept in a bounded ring for the dashboard.</summary>
public sealed class ResourceLog(int capacity = 5000)
{
    readonly Queue<LogLine> _lines = new();
    long _seq;

    public void Add(string text, bool isError = false)
    {
        lock (_lines)
        {
            _lines.Enqueue(new LogLine(++_seq, DateTimeOffset.UtcNow, isError, text));
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<LogLine> Since(long seq, int max = 2000)
    {
        lock (_lines)
        {
            return _lines.Where(l => l.Seq > seq).TakeLast(max).ToList();
        }
    }
}
