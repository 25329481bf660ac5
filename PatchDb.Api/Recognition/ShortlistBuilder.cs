namespace PatchDb.Api.Recognition;

/// <summary>Picks the shortlist from every image's similarity: the top groups by their best image, each with its top
/// images, and the top ungrouped images.</summary>
public static class ShortlistBuilder
{
    public static Shortlist Build(UserVectors vectors, float[] similarities, IReadOnlyDictionary<Guid, Guid?> membership,
        int groupLimit, int imagesPerGroup, int ungroupedLimit, Guid? exclude)
    {
        var byGroup = new Dictionary<Guid, List<Candidate>>();
        var ungrouped = new List<Candidate>();
        for (var i = 0; i < similarities.Length; i++)
        {
            var imageId = vectors.ImageIds[i];
            // Images missing from the membership map were deleted since the vectors were loaded.
            if (imageId == exclude || !membership.TryGetValue(imageId, out var group))
            {
                continue;
            }
            var candidate = new Candidate(imageId, group, similarities[i]);
            if (group is { } groupId)
            {
                if (!byGroup.TryGetValue(groupId, out var images))
                {
                    byGroup[groupId] = images = [];
                }
                images.Add(candidate);
            }
            else
            {
                ungrouped.Add(candidate);
            }
        }
        var groups = byGroup.Values
            .Select(images => (IReadOnlyList<Candidate>)[.. Best(images, imagesPerGroup)])
            .OrderByDescending(images => images[0].Cosine).ThenBy(images => images[0].ImageId)
            .Take(groupLimit);
        return new Shortlist([.. groups], [.. Best(ungrouped, ungroupedLimit)]);
    }

    private static IEnumerable<Candidate> Best(IEnumerable<Candidate> candidates, int limit) =>
        candidates.OrderByDescending(c => c.Cosine).ThenBy(c => c.ImageId).Take(limit);
}
