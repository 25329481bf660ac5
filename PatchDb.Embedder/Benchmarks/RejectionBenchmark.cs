using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-rejections [--photos DIR] [--requests N]`: starts this Embedder as its own process, posts every kind of bad
/// upload (<see cref="BadInputs"/>, plus a 31 MB body) N times over HTTP and prints, per input, the status and
/// content type it got and the latency; then the service's peak and current resident memory from /proc.
/// </summary>
public static class RejectionBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchmarkArguments.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: bench-rejections [--photos DIR] [--requests N (default 32)]");
            return 2;
        }

        var jpeg = BenchmarkPhotos.Phone(options.PhotosDirectory, count: 1)[0];
        List<(string Name, int Status, byte[] Bytes)> inputs = [.. BadInputs.All(jpeg), ("31 MB body", 413, BadInputs.RandomBytes(31 * 1024 * 1024, seed: 3))];
        using var service = StartService(out var baseAddress);
        try
        {
            return await MeasureAsync(service, baseAddress, inputs, options.Requests);
        }
        finally
        {
            // Never leave the service behind, whatever went wrong.
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
    }

    private static async Task<int> MeasureAsync(Process service, Uri baseAddress, List<(string Name, int Status, byte[] Bytes)> inputs, int requests)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await WaitHealthyAsync(client);
        var before = Memory(service.Id);

        Console.WriteLine($"# Embedder rejections — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, {requests} requests per input");
        Console.WriteLine();
        Console.WriteLine("| input | bytes | expected | got | content type | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---|---|---:|---:|---:|");
        var failures = 0;
        foreach (var (name, expected, bytes) in inputs)
        {
            var statuses = new HashSet<int>();
            var types = new HashSet<string>();
            var latencies = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/analyze") { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new("application/octet-stream");
                // As a careful client would: the server may refuse a too-large body from its headers alone.
                request.Headers.ExpectContinue = true;
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statuses.Add((int)response.StatusCode);
                types.Add(response.Content.Headers.ContentType?.MediaType ?? "–");
            }
            failures += statuses.SetEquals([expected]) && types.SetEquals(["application/problem+json"]) ? 0 : 1;
            latencies.Sort();
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {bytes.Length} | {expected} | {string.Join(", ", statuses)} | {string.Join(", ", types)} | {Percentile(latencies, 0.5):F1} | {Percentile(latencies, 0.95):F1} | {latencies[^1]:F1} |"));
        }

        var after = Memory(service.Id);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"Embedder process memory: resident {before.Rss / 1024} MiB after start-up, {after.Rss / 1024} MiB after the run, peak {after.Peak / 1024} MiB."));
        return failures == 0 ? 0 : 1;
    }

    private static Process StartService(out Uri baseAddress)
    {
        var port = FreePort();
        baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [typeof(RejectionBenchmark).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // ONNX Runtime phones home unless this is in its environment from the start.
            Environment = { ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'), ["Logging__LogLevel__Default"] = "Warning", ["ORT_DISABLE_TELEMETRY"] = "1" },
        };
        var process = Process.Start(start)!;
        // Drain the console so the service never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The Embedder did not become healthy in 30 s.");
    }

    // VmRSS and VmHWM (peak resident set) in KiB, from the kernel's view of the service process.
    private static (long Rss, long Peak) Memory(int pid)
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
