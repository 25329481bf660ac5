using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatchDb.ServiceDefaults;

namespace PatchDb.Tests.ServiceDefaults;

public sealed class HttpClientDefaultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_logical_address_reaches_the_configured_endpoint_and_a_transient_503_is_retried()
    {
        var requests = new List<string>();
        await using var embedder = await StubServer.StartAsync(async context =>
        {
            lock (requests)
            {
                requests.Add(context.Request.Path);
            }

            context.Response.StatusCode = requests.Count == 1 ? 503 : 200;
            await context.Response.WriteAsync("from the stub", context.RequestAborted);
        });
        using var host = BuildClientHost(embedder.Address);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("embedder");

        using var response = await client.GetAsync("http://embedder/v1/model", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("from the stub", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["/v1/model", "/v1/model"], requests);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        var count = 0;
        await using var embedder = await StubServer.StartAsync(context =>
        {
            Interlocked.Increment(ref count);
            context.Response.StatusCode = 400;
            return Task.CompletedTask;
        });
        using var host = BuildClientHost(embedder.Address);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var response = await client.PostAsync("http://embedder/v1/analyze", new ByteArrayContent([1, 2, 3]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Request_bodies_are_sent_again_on_retry()
    {
        var bodies = new List<string>();
        await using var embedder = await StubServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            lock (bodies)
            {
                bodies.Add(body);
            }

            context.Response.StatusCode = bodies.Count < 3 ? 500 : 200;
        });
        using var host = BuildClientHost(embedder.Address);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Post, "http://embedder/x")
        {
            Content = new StreamContent(new MemoryStream("payload"u8.ToArray())),
        }.AsIdempotent();
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(["payload", "payload", "payload"], bodies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_post_is_not_sent_twice_unless_marked_idempotent_and_501_is_final()
    {
        var count = 0;
        await using var embedder = await StubServer.StartAsync(context =>
        {
            Interlocked.Increment(ref count);
            context.Response.StatusCode = context.Request.Path == "/search" ? 501 : 503;
            return Task.CompletedTask;
        });
        using var host = BuildClientHost(embedder.Address);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var upload = await client.PostAsync("http://embedder/upload", new ByteArrayContent([1]), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
        Assert.Equal(1, count);

        using var search = await client.GetAsync("http://embedder/search", Ct);
        Assert.Equal(HttpStatusCode.NotImplemented, search.StatusCode);
        Assert.Equal(2, count);
    }

    [Fact]
    public async Task An_unconfigured_host_is_left_alone()
    {
        await using var other = await StubServer.StartAsync(context => context.Response.WriteAsync("direct"));
        using var host = BuildClientHost(new Uri("http://127.0.0.1:9/"));
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        Assert.Equal("direct", await client.GetStringAsync(other.Address, Ct));
    }

    private static IHost BuildClientHost(Uri embedderAddress)
    {
        // An empty content root: the services' appsettings.json files, copied beside the tests, must not apply here.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.CreateTempSubdirectory().FullName });
        builder.Configuration["services:embedder:http:0"] = embedderAddress.ToString();
        builder.Configuration["HttpResilience:Retry:Delay"] = "00:00:00.020";
        builder.Configuration["HttpResilience:Retry:MaxRetryAttempts"] = "3";
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
