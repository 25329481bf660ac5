using System.Diagnostics;
using OpenTelemetry.Trace;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>What the dashboard shows for one upload: the Api's server span, its call to the Embedder, and the Npgsql
/// and Redis spans of the Aspire client integrations, all in one trace (captured by OpenTelemetry's in-memory
/// exporter on the Api's own tracer provider).</summary>
public sealed class UploadTraceTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_upload_is_one_trace_with_http_npgsql_and_redis_spans()
    {
        var spans = new ExportedSpans();
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url,
            extraServices: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var user = await ApiUser.CreateAsync(host, Ct);

        // The upload continues a trace of the test's own, so its spans can be told from everything else in the process.
        ActivityTraceId traceId;
        using (var root = new Activity("test upload").Start())
        {
            // Sampled, as a caller's traceparent would say: the services' parent-based sampler follows it.
            root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
            traceId = root.TraceId;
            await user.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct);
        }

        // Redis spans come from the instrumentation's profiling sessions, which it drains periodically.
        Activity[] trace = [];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            trace = spans.Snapshot().Where(a => a.TraceId == traceId).ToArray();
            // The Embedder's cache spans can be drained before the Api's PUBLISH: wait for that one itself.
            if (trace.Any(IsPublish) && trace.Any(IsNpgsql))
            {
                break;
            }
            await Task.Delay(250, Ct);
        }

        var server = Assert.Single(trace, a => a.Kind == ActivityKind.Server && a.Source.Name == "Microsoft.AspNetCore"
            && a.GetTagItem("http.route") is "/{user_id:guid}/upload");
        Assert.Contains(trace, a => a.Kind == ActivityKind.Client && a.Source.Name == "System.Net.Http"
            && (a.GetTagItem("url.full") as string)?.Contains("/v1/analyze", StringComparison.Ordinal) == true);
        Assert.Contains(trace, a => IsNpgsql(a) && (a.GetTagItem("db.system.name") ?? a.GetTagItem("db.system")) is "postgresql"
            && Ancestors(a, trace).Any(p => p.SpanId == server.SpanId));
        var publish = Assert.Single(trace, IsPublish);
        Assert.Contains(Ancestors(publish, trace), a => a.SpanId == server.SpanId);
    }

    private static bool IsNpgsql(Activity span) => span.Source.Name == "Npgsql";

    private static bool IsRedis(Activity span) => span.Source.Name.Contains("StackExchangeRedis", StringComparison.Ordinal);

    private static bool IsPublish(Activity span) => IsRedis(span) && span.DisplayName.Contains("PUBLISH", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<Activity> Ancestors(Activity span, Activity[] trace)
    {
        for (var parent = trace.FirstOrDefault(a => a.SpanId == span.ParentSpanId); parent is not null;
             parent = trace.FirstOrDefault(a => a.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }
}
