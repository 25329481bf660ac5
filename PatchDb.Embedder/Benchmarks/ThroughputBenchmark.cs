using System.Globalization;
using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-throughput [--onnx-model DIR] [--photos DIR] [--requests N] [--work DIR]`: images/s and per-image latency of
/// the service pipeline (SHA-256, decode + derivatives, batched embedding; no HTTP, no cache) for classic-v1 and,
/// given a model folder, the ONNX CLIP path, on phone-sized and 12 MP JPEGs at 1 and 8 concurrent requests.
/// </summary>
public static class ThroughputBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchmarkArguments.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(BenchmarkArguments.Usage);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("patchdb-bench-");
        try
        {
            var phone = BenchmarkPhotos.Phone(options.PhotosDirectory, count: 8);
            var large = BenchmarkPhotos.TwelveMegapixel(phone, work.FullName);
            Console.WriteLine($"# Embedder throughput — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, " +
                $".NET {Environment.Version}; {options.Requests} requests per row after warm-up.");
            Console.WriteLine();
            Console.WriteLine("| model | photo | concurrent | images/s | p50 ms | p95 ms | decode p50 ms | mean batch |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");

            var models = new List<(string Label, Dictionary<string, string?> Settings)>
            {
                ("classic-v1", new() { ["Embedder:Model"] = EmbedderOptions.ClassicModelId }),
            };
            if (options.OnnxModelDirectory is { } onnx)
            {
                models.Add(("ViT-B/32 random (ONNX)", new()
                {
                    ["Embedder:Model"] = EmbedderOptions.ClipModelId,
                    ["Embedder:Clip:ModelPath"] = onnx,
                    ["Embedder:Clip:IncludeTextual"] = File.Exists(Path.Combine(onnx, "textual", "model.onnx")) ? "true" : "false",
                }));
            }

            foreach (var (label, settings) in models)
            {
                await using var pipeline = await BenchmarkPipeline.StartAsync(settings);
                if (label != "classic-v1" && pipeline.ModelId == EmbedderOptions.ClassicModelId)
                {
                    Console.WriteLine($"| {label} | – | – | unavailable (see log) | | | | |");
                    continue;
                }

                foreach (var (photoLabel, photos) in new[] { ("phone 1024 px", phone), ("12 MP", large) })
                {
                    foreach (var concurrency in new[] { 1, 8 })
                    {
                        var row = await pipeline.MeasureAsync(photos, concurrency, options.Requests);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {label} | {photoLabel} | {concurrency} | {row.ImagesPerSecond:0.0} | " +
                            $"{row.P50.TotalMilliseconds:0} | {row.P95.TotalMilliseconds:0} | {row.DecodeP50.TotalMilliseconds:0} | {row.MeanBatch:0.0} |"));
                    }
                }
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
