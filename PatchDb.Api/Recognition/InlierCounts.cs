namespace PatchDb.Api.Recognition;

/// <summary>
/// Verification's answer per image: <paramref name="All"/> the colour-weighed inliers, which rank the candidates, and
/// <paramref name="Confirming"/> those that tell the image's group from the other verified groups, which alone can
/// confirm a match (the same counts when the Embedder was not asked for them).
/// </summary>
public sealed record InlierCounts(IReadOnlyDictionary<Guid, int> All, IReadOnlyDictionary<Guid, int> Confirming)
{
    public static readonly InlierCounts None = new(new Dictionary<Guid, int>(), new Dictionary<Guid, int>());
}
