using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PatchDb.Tests.Onnx;

/// <summary>A local Kestrel server laid out like Hugging Face's resolve URLs, serving a folder with Range support.</summary>
public sealed class ModelFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModelFileServer(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = "";

    /// <summary>Every request as "path range" (range empty when the request had none).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ModelFileServer> StartAsync(string folder, string repository, string revision)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ModelFileServer(app);
        app.MapGet($"/{repository}/resolve/{revision}/{{**file}}", (string file, HttpRequest request) =>
        {
            server.Requests.Enqueue($"{file} {request.Headers.Range}".Trim());
            var path = Path.GetFullPath(Path.Combine(folder, file));
            return path.StartsWith(folder, StringComparison.Ordinal) && File.Exists(path)
                ? Results.File(path, "application/octet-stream", enableRangeProcessing: true)
                : Results.NotFound();
        });
        await app.StartAsync();
        server.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
