namespace PatchDb.Benchmarks.Recognition;

/// <summary>One row of a benchmark split's manifest.csv. Only the benchmark harness reads it; PatchDb never sees it.</summary>
public sealed record BenchmarkPhoto(string DesignId, string Role, string File, string Category, bool Distractor);
