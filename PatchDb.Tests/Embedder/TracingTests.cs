using System.Collections.Concurrent;
using System.Diagnostics;

namespace PatchDb.Tests.Embedder;

public sealed class TracingTests
{
    [Fact]
    public async Task Decode_span_is_in_the_request_trace_and_the_infer_span_links_to_it()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "PatchDb.Embedder" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = new EmbedderHost();

        // Bytes no other test sends (orientation 2), since tests run in parallel and share the listener's sources.
        var analysis = await host.AnalyzeAsync(TestPhotos.WithExifOrientation(TestPhotos.BenchLandscapeJpeg(), 2));

        var decode = Assert.Single(stopped, a => a.OperationName == "decode" && a.Source.Name == "PatchDb.Embedder"
            && a.GetTagItem("patchdb.sha256") as string == analysis.Sha256);
        Assert.Equal("jpeg", decode.GetTagItem("patchdb.format"));
        Assert.NotNull(decode.Parent);
        Assert.Contains(stopped, a => a.OperationName == "infer" && a.Links.Any(l => l.Context.TraceId == decode.TraceId));
    }
}
