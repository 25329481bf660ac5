namespace PatchDb.Embedder.LocalFeatures;

/// <summary>One verified keypoint pair: (qx, qy) in the query, (gx, gy) in the candidate, each normalised 0..1 in
/// that image's 512×512 square derivative.</summary>
public sealed record Correspondence(double Qx, double Qy, double Gx, double Gy);
