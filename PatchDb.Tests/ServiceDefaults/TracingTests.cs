using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.ServiceDefaults;

public sealed class TracingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_produces_a_server_span_with_its_route_at_the_otlp_endpoint()
    {
        var exports = new List<byte[]>();
        await using var collector = await StubServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            lock (exports)
            {
                exports.Add([.. Encoding.ASCII.GetBytes(context.Request.Path + "\n"), .. body.ToArray()]);
            }
        });

        var app = BuildService(collector.Address);
        await app.StartAsync(Ct);
        using (var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
        {
            Assert.Equal("patch 42", await client.GetStringAsync("/patches/42", Ct));
            Assert.Equal("Healthy", await client.GetStringAsync("/health", Ct));
        }

        // Stopping flushes the batch exporters.
        await app.StopAsync(Ct);
        await app.DisposeAsync();

        string[] traces;
        lock (exports)
        {
            traces = exports.Select(e => Encoding.Latin1.GetString(e)).Where(e => e.StartsWith("/v1/traces\n", StringComparison.Ordinal)).ToArray();
        }

        var all = string.Concat(traces);
        Assert.Contains("http.route", all);
        Assert.Contains("/patches/{id}", all);
        Assert.Contains("tracing-test-service", all);
        // The server span of /health is not exported (the test client's own span of it may be: same process).
        Assert.Matches(@"(?s)url\.path.{1,8}/patches/42", all);
        Assert.DoesNotMatch(@"(?s)url\.path.{1,8}/health", all);
    }

    private static WebApplication BuildService(Uri collector)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.ToString().TrimEnd('/');
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.Configuration["OTEL_SERVICE_NAME"] = "tracing-test-service";
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/patches/{id}", (int id) => $"patch {id}");
        return app;
    }
}
