namespace PatchDb.Api.Contracts;

/// <summary>One verified keypoint pair, each point normalised 0..1 in its image's 512×512 square derivative.</summary>
public sealed record CorrespondenceResponse(double Qx, double Qy, double Gx, double Gy);
