using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PatchDb.AppHost.Otlp;

namespace PatchDb.Tests.AppHost;

/// <summary>The receiver decodes real OTLP/HTTP protobuf exports from the OpenTelemetry .NET SDK.</summary>
public sealed class OtlpReceiverTests
{
    [Fact]
    public async Task Spans_exported_by_the_sdk_arrive_with_hierarchy_attributes_and_status()
    {
        await using var host = new TestAppHost();
        var app = await host.StartAsync();
        var sourceName = "PatchDb.Tests.Otlp." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        string traceId, parentId, childId;
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("otlp-test"))
            .AddSource(sourceName)
            .AddOtlpExporter(o => Configure(o, host.Options.OtlpPort, "traces"))
            .Build())
        {
            using (var parent = source.StartActivity("GET /things/{id}", ActivityKind.Server)!)
            {
                parent.SetTag("http.route", "/things/{id}");
                parent.SetTag("http.response.status_code", 500);
                using (var child = source.StartActivity("SELECT things", ActivityKind.Client)!)
                {
                    child.SetTag("db.system", "postgresql");
                    childId = child.SpanId.ToHexString();
                }
                parent.SetStatus(ActivityStatusCode.Error, "boom");
                traceId = parent.TraceId.ToHexString();
                parentId = parent.SpanId.ToHexString();
            }
            Assert.True(provider.ForceFlush(10_000));
        }

        var spans = app.Telemetry.Trace(traceId);
        Assert.Equal(2, spans.Count);
        var server = Assert.Single(spans, s => s.SpanId == parentId);
        var client = Assert.Single(spans, s => s.SpanId == childId);
        Assert.Null(server.ParentSpanId);
        Assert.Equal(parentId, client.ParentSpanId);
        Assert.Equal("otlp-test", server.Service);
        Assert.Equal("Server", server.Kind);
        Assert.Equal("Client", client.Kind);
        Assert.Equal("/things/{id}", server.Attributes["http.route"]);
        Assert.Equal("500", server.Attributes["http.response.status_code"]);
        Assert.Equal("postgresql", client.Attributes["db.system"]);
        Assert.True(server.IsError);
        Assert.Equal("boom", server.StatusMessage);
        Assert.False(client.IsError);
        Assert.True(server.Start <= client.Start && client.End <= server.End);
        Assert.InRange(server.Start, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Histograms_and_counters_exported_by_the_sdk_give_rates_means_and_totals()
    {
        await using var host = new TestAppHost();
        var app = await host.StartAsync();
        var meterName = "PatchDb.Tests.Otlp." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        var duration = meter.CreateHistogram<double>("http.server.request.duration", "s");
        var hits = meter.CreateCounter<long>("patchdb.embedder.cache.hits");
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("metrics-test"))
            .AddMeter(meterName)
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [0.025, 0.1, 0.5, 1] })
            .AddOtlpExporter((o, reader) =>
            {
                Configure(o, host.Options.OtlpPort, "metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build())
        {
            foreach (var seconds in new[] { 0.010, 0.020, 0.030, 0.300 })
            {
                duration.Record(seconds, new KeyValuePair<string, object?>("http.route", "/a"));
            }
            hits.Add(3);
            hits.Add(4, new KeyValuePair<string, object?>("model", "classic-v1"));
            Assert.True(provider.ForceFlush(10_000));
        }

        var points = app.Telemetry.MetricPoints.Where(p => p.Service == "metrics-test").ToList();
        var requests = points.Where(p => p.Name == "http.server.request.duration").ToList();
        Assert.All(requests, p => Assert.Equal(MetricKind.Histogram, p.Kind));
        Assert.Equal(meterName, requests[0].Scope);
        Assert.Equal("s", requests[0].Unit);
        var window = MetricWindow.Of(requests, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);
        Assert.Equal(4, window.Count);
        Assert.Equal(0.09, window.Mean, precision: 6);
        Assert.True(window.Rate > 0);
        Assert.Equal(0.5, window.Quantile(0.95));
        Assert.Equal(0.025, window.Quantile(0.5));
        var counter = MetricWindow.Of(points.Where(p => p.Name == "patchdb.embedder.cache.hits"), TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);
        Assert.Equal(7, counter.Total);
        Assert.Equal(7, counter.Count);
    }

    [Fact]
    public async Task Logs_exported_by_the_sdk_arrive_rendered_with_level_category_and_trace()
    {
        await using var host = new TestAppHost();
        var app = await host.StartAsync();
        using var activity = new Activity("log-scope").Start();
        using (var factory = LoggerFactory.Create(b => b.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("logs-test"));
            o.AddOtlpExporter(e => Configure(e, host.Options.OtlpPort, "logs"));
        })))
        {
            var logger = factory.CreateLogger("PatchDb.Tests.Category");
#pragma warning disable CA1848, CA2254 // a plain template is the point of this test
            logger.LogWarning("Upload {ImageId} took {Milliseconds} ms", "img-42", 1234);
#pragma warning restore CA1848, CA2254
        }

        var entry = Assert.Single(app.Telemetry.Logs, l => l.Service == "logs-test");
        Assert.Equal("Upload img-42 took 1234 ms", entry.Message);
        Assert.Equal("PatchDb.Tests.Category", entry.Category);
        Assert.Equal(13, entry.SeverityNumber);
        Assert.Equal(activity.TraceId.ToHexString(), entry.TraceId);
    }

    [Fact]
    public async Task Garbage_and_json_payloads_are_refused_with_problem_details()
    {
        await using var host = new TestAppHost();
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{host.Options.OtlpPort}") };
        using var garbage = new ByteArrayContent([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        garbage.Headers.ContentType = new("application/x-protobuf");
        var bad = await http.PostAsync("/v1/traces", garbage, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        var unsupported = await http.PostAsync("/v1/logs", json, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
    }

    static void Configure(OtlpExporterOptions options, int port, string signal)
    {
        options.Endpoint = new Uri($"http://localhost:{port}/v1/{signal}");
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.ExportProcessorType = ExportProcessorType.Simple;
    }
}
