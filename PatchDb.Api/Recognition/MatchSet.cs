namespace PatchDb.Api.Recognition;

/// <param name="Groups">Best image per group, best first.</param>
/// <param name="Ungrouped">Best ungrouped images, best first.</param>
public sealed record MatchSet(IReadOnlyList<ImageScore> Groups, IReadOnlyList<ImageScore> Ungrouped)
{
    public static readonly MatchSet Empty = new([], []);
}
