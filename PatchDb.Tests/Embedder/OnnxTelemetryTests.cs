using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;
using PatchDb.Tests.Onnx;

namespace PatchDb.Tests.Embedder;

/// <summary>
/// ONNX Runtime's native library records telemetry (a device id and an events database) under
/// $HOME/.cache/Microsoft/DeveloperTools/.onnxruntime unless ORT_DISABLE_TELEMETRY=1 is in the process environment
/// from the start. The real Embedder runs CLIP with HOME in a fresh folder, once with the variable (as every launch
/// of ours sets it) and once without, which shows the check can fail.
/// </summary>
public sealed class OnnxTelemetryTests
{
    private const string TelemetryFolder = ".cache/Microsoft/DeveloperTools/.onnxruntime";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_ORT_DISABLE_TELEMETRY_running_a_model_writes_no_telemetry_and_without_it_does()
    {
        var model = await TinyClipModels.FolderAsync();

        var withVariable = await RunClipAsync(model, disableTelemetry: true);
        var withoutVariable = await RunClipAsync(model, disableTelemetry: false);

        Assert.Empty(withVariable);
        Assert.Contains(withoutVariable, f => f.StartsWith(TelemetryFolder, StringComparison.Ordinal));
    }

    /// <summary>Starts the Embedder on CLIP with a fresh HOME, embeds one photo, stops it; the files left in HOME.</summary>
    private static async Task<string[]> RunClipAsync(string model, bool disableTelemetry)
    {
        var home = Directory.CreateTempSubdirectory("patchdb-home-").FullName;
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "PatchDb.Embedder", "bin", configuration, "net10.0", "PatchDb.Embedder.dll");
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = home;
        start.Environment.Remove("XDG_CACHE_HOME");
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Embedder__Model"] = "clip-vit-b32";
        start.Environment["Embedder__Clip__ModelPath"] = model;
        start.Environment["Embedder__Clip__DownloadEnabled"] = "false";
        start.Environment.Remove("ORT_DISABLE_TELEMETRY");
        // ONNX Runtime records nothing when CI is set (as it is in our CI run), which would hide what the variable does.
        start.Environment.Remove("CI");
        if (disableTelemetry)
        {
            start.Environment["ORT_DISABLE_TELEMETRY"] = "1";
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        _ = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitForClipAsync(client);
            using var photo = new ByteArrayContent(TestPhotos.BenchLandscapeJpeg());
            photo.Headers.ContentType = new("application/octet-stream");
            using var analysis = await client.PostAsync("/v1/analyze", photo, Ct);
            analysis.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await analysis.Content.ReadAsStringAsync(Ct));
            Assert.Equal("clip-vit-b32", body.RootElement.GetProperty("model_id").GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        try
        {
            return [.. Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(home, f))];
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task WaitForClipAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var model = await client.GetFromJsonAsync<JsonElement>("/v1/model", Ct);
                Assert.Equal("clip-vit-b32", model.GetProperty("model_id").GetString());
                return;
            }
            catch (HttpRequestException) when (attempt < 600)
            {
                await Task.Delay(100, Ct);
            }
        }
    }
}
