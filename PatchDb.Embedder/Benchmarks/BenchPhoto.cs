namespace PatchDb.Embedder.Benchmarks;

/// <summary>One benchmark photo as the harness sees it (the manifest row); the descriptor sees only the pixels.</summary>
public sealed record BenchPhoto(string Design, bool IsQuery, string Category, float[] Vector);
