using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Embedder;

/// <summary>
/// Where OpenCV's native library cannot load (e.g. a machine without GTK 3, which it links), the Embedder still
/// analyses photos, without local features, and /v1/verify answers 503 problem+json. The real executable runs from a
/// copy of its build output without libOpenCvSharpExtern.so.
/// </summary>
public sealed class MissingVisionLibraryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_OpenCVs_native_library_analyses_carry_no_features_and_verify_is_503()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var output = Path.Combine(RepoPaths.Root, "PatchDb.Embedder", "bin", configuration, "net10.0");
        var copy = Directory.CreateTempSubdirectory("patchdb-embedder-novision-").FullName;
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "libOpenCvSharpExtern.so"))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(copy, "PatchDb.Embedder.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = copy,
            Environment = { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}", ["ORT_DISABLE_TELEMETRY"] = "1" },
        };
        using var process = Process.Start(start)!;
        var logs = process.StandardOutput.ReadToEndAsync(Ct);
        _ = process.StandardError.ReadToEndAsync(Ct);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        try
        {
            await WaitHealthyAsync(client);

            using var photo = new ByteArrayContent(TestPhotos.BenchLandscapeJpeg());
            photo.Headers.ContentType = new("application/octet-stream");
            using var analysis = await client.PostAsync("/v1/analyze", photo, Ct);
            // A well-formed PDLF blob without keypoints (1×1 image), so only the missing library can refuse it.
            var empty = Convert.ToBase64String([(byte)'P', (byte)'D', (byte)'L', (byte)'F', 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
            using var verify = await client.PostAsJsonAsync("/v1/verify", new { query = empty, candidates = new[] { empty } }, Ct);

            Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
            using var body = JsonDocument.Parse(await analysis.Content.ReadAsStringAsync(Ct));
            Assert.Equal(1195, body.RootElement.GetProperty("embedding").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("local_features").ValueKind);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, verify.StatusCode);
            Assert.Equal("application/problem+json", verify.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(copy, recursive: true);
        }
        Assert.Contains("Local features are unavailable", await logs);
        Assert.Contains("OpenCvSharpExtern", await logs);
    }

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("/health", Ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 300)
            {
            }
            Assert.True(attempt < 300, "The Embedder did not become healthy in 30 s.");
            await Task.Delay(100, Ct);
        }
    }
}
