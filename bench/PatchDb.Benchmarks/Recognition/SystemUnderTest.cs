using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace PatchDb.Benchmarks.Recognition;

/// <summary>
/// A whole PatchDb started for one benchmark run through Aspire's testing builder: the real AppHost on a fresh data
/// folder (local or container backing, as the AppHost chooses), with the per-user upload rate limit lifted (the
/// benchmark uploads hundreds of photos as one user).
/// </summary>
public sealed class SystemUnderTest(DistributedApplication app, string dataDirectory, Uri api) : IAsyncDisposable
{
    public Uri Api => api;

    /// <param name="liftUploadLimit">false keeps the Api's shipped upload token bucket (the import benchmark measures it).</param>
    public static async Task<SystemUnderTest> StartAsync(CancellationToken ct, bool liftUploadLimit = true)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("patchdb-bench-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PatchDb_AppHost>(
            [$"PatchDb:DataDirectory={dataDirectory}", "PatchDb:WebPort=0"], ct);
        builder.WithQuietLogging();
        if (liftUploadLimit)
        {
            builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("RateLimiting__UploadPermitLimit", "1000000");
        }

        var app = await builder.BuildAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        return new SystemUnderTest(app, dataDirectory, app.GetEndpoint("api", "http"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder is not worth failing the benchmark for.
        }
    }
}
