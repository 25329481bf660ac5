namespace PatchDb.Api.Recognition;

/// <param name="Groups">The most similar groups, best first; each with its most similar images, best first.</param>
/// <param name="Ungrouped">The most similar ungrouped images, best first.</param>
public sealed record Shortlist(IReadOnlyList<IReadOnlyList<Candidate>> Groups, IReadOnlyList<Candidate> Ungrouped)
{
    public static readonly Shortlist Empty = new([], []);
}
