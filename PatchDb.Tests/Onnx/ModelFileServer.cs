using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PatchDb.Tests.Onnx;

/// <summary>
/// A local Kestrel server that answers like the Hugging Face hub: <c>/{repo}/resolve/{branch or commit}/{file}</c>
/// with <c>X-Repo-Commit</c>; ONNX files (LFS on the hub) as a redirect to <c>/cdn/...</c> carrying their SHA-256 in
/// <c>X-Linked-Etag</c>; Range requests honoured. It counts the body bytes it sends, and can stall one response.
/// </summary>
public sealed class ModelFileServer : IAsyncDisposable
{
    public const string Commit = "5e1f0c3a9b7d2e4f6a8c0b1d3e5f7a9c2b4d6e8f";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _served = new();
    private readonly ConcurrentDictionary<string, long> _stalls = new();

    private ModelFileServer(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = "";

    /// <summary>Every request as "path range" (range empty when the request had none).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Body bytes sent for <paramref name="file"/> (a path in the repository) so far.</summary>
    public long BytesServed(string file) => _served.GetValueOrDefault(file);

    /// <summary>The next response for <paramref name="file"/> sends <paramref name="bytes"/> bytes of its body, then nothing.</summary>
    public void StallOnce(string file, long bytes) => _stalls[file] = bytes;

    public static async Task<ModelFileServer> StartAsync(string folder, string repository, string revision)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ModelFileServer(app);
        app.MapGet($"/{repository}/resolve/{{rev}}/{{**file}}", (string rev, string file, HttpContext context) =>
        {
            server.Requests.Enqueue($"{file} {context.Request.Headers.Range}".Trim());
            var path = Path.GetFullPath(Path.Combine(folder, file));
            if ((rev != revision && rev != Commit) || !path.StartsWith(folder, StringComparison.Ordinal) || !File.Exists(path))
            {
                return Results.NotFound();
            }

            context.Response.Headers["X-Repo-Commit"] = Commit;
            if (file.EndsWith(".onnx", StringComparison.Ordinal))
            {
                using var stream = File.OpenRead(path);
                context.Response.Headers["X-Linked-Etag"] = $"\"{Convert.ToHexStringLower(SHA256.HashData(stream))}\"";
                return Results.Redirect($"/cdn/{Commit}/{file}");
            }

            return server.Serve(context, file, path);
        });
        app.MapGet($"/cdn/{Commit}/{{**file}}", (string file, HttpContext context) =>
        {
            server.Requests.Enqueue($"cdn/{file} {context.Request.Headers.Range}".Trim());
            var path = Path.GetFullPath(Path.Combine(folder, file));
            return path.StartsWith(folder, StringComparison.Ordinal) && File.Exists(path) ? server.Serve(context, file, path) : Results.NotFound();
        });
        await app.StartAsync();
        server.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    private IResult Serve(HttpContext context, string file, string path)
    {
        long? budget = _stalls.TryRemove(file, out var stall) ? stall : null;
        context.Response.Body = new ServedBytesStream(context.Response.Body, n => _served.AddOrUpdate(file, n, (_, total) => total + n),
            budget, context.RequestAborted);
        return Results.File(path, "application/octet-stream", enableRangeProcessing: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
