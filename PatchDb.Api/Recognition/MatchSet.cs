namespace PatchDb.Api.Recognition;

/// <param name="Groups">Best image per group at or above the threshold, best first: the matches.</param>
/// <param name="Ungrouped">Best ungrouped images at or above the threshold, best first.</param>
/// <param name="Candidates">Best image per group below the threshold, best first: not matches, but what a collector
/// may want to look at when nothing matched ("could it be one of these?").</param>
public sealed record MatchSet(IReadOnlyList<ImageScore> Groups, IReadOnlyList<ImageScore> Ungrouped, IReadOnlyList<ImageScore> Candidates)
{
    public static readonly MatchSet Empty = new([], [], []);
}
