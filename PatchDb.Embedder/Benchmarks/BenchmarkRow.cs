namespace PatchDb.Embedder.Benchmarks;

internal sealed record BenchmarkRow(double ImagesPerSecond, TimeSpan P50, TimeSpan P95, TimeSpan DecodeP50, double MeanBatch);
