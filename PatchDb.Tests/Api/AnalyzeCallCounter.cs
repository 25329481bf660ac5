using System.Diagnostics;

namespace PatchDb.Tests.Api;

/// <summary>Counts successful POST /v1/analyze calls to one port, from the callers' HttpClient activities.</summary>
internal sealed class AnalyzeCallCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _answered;

    public AnalyzeCallCounter(int port)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            // AllData fills the tags without marking the activity recorded, so other tests' exporters and samplers
            // in this process see no spans they would not have seen anyway.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("url.full") is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                    && uri.Port == port && uri.AbsolutePath == "/v1/analyze"
                    && activity.GetTagItem("http.response.status_code") is 200)
                {
                    Interlocked.Increment(ref _answered);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Answered => Volatile.Read(ref _answered);

    public void Dispose() => _listener.Dispose();
}
