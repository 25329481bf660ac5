namespace PatchDb.Api.Embedding;

/// <summary>Where the Embedder found the patch (full-photo pixels): outline x0, y0, …, box x, y, width, height, the
/// fraction of the outline on edges, and whether that was confident.</summary>
public sealed record PatchOutline(double[] Outline, int[] Box, double Confidence, bool Confident);
