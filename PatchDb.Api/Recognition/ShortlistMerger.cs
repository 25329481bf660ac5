namespace PatchDb.Api.Recognition;

/// <summary>
/// Merges a second shortlist, from an auxiliary embedding that does not depend on finding the patch, into the primary
/// one: the groups it adds go after the primary groups, flagged <see cref="Candidate.Auxiliary"/> so that they are
/// verified, and carry the primary model's cosine so that one calibration scores every candidate.
/// </summary>
public static class ShortlistMerger
{
    /// <summary>The auxiliary shortlist's groups the primary one lacks, best first, at most <paramref name="limit"/>.</summary>
    public static List<IReadOnlyList<Candidate>> NewGroups(Shortlist primary, Shortlist auxiliary, int limit)
    {
        var known = primary.Groups.Select(g => g[0].GroupId).ToHashSet();
        return [.. auxiliary.Groups.Where(g => !known.Contains(g[0].GroupId)).Take(limit)];
    }

    /// <summary>Images without a vector of the primary model (not re-indexed since a model change) are left out: vectors
    /// of another primary model are never compared, and neither is anything else of those images.</summary>
    public static Shortlist Merge(Shortlist primary, IEnumerable<IReadOnlyList<Candidate>> added, IReadOnlyDictionary<Guid, double> primaryCosines)
    {
        var groups = primary.Groups.ToList();
        groups.AddRange(added
            .Select(images => (IReadOnlyList<Candidate>)[.. images.Where(c => primaryCosines.ContainsKey(c.ImageId))
                .Select(c => c with { Cosine = primaryCosines[c.ImageId], Auxiliary = true })])
            .Where(images => images.Count > 0));
        return new Shortlist(groups, primary.Ungrouped);
    }
}
