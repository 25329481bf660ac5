using Npgsql;
using PatchDb.Api.Embedding;
using PatchDb.Api.Options;

namespace PatchDb.Api.Recognition;

/// <summary>
/// Asks the Embedder to verify the shortlist geometrically: the query's local features against those of the top
/// groups' best images. Verification only ever adds evidence, so any failure (no features, Embedder down) leaves the
/// global similarity to decide alone. With <see cref="VerificationOptions.DistinctiveInliers"/> each candidate's group
/// goes along, so features that several groups share (a brand's logo, the shelf behind) confirm none of them.
/// </summary>
public sealed partial class MatchVerifier(NpgsqlDataSource dataSource, EmbedderClient embedder, ILogger<MatchVerifier> logger)
{
    public async Task<InlierCounts> VerifyAsync(Guid queryImageId, Shortlist shortlist, VerificationOptions options,
        CancellationToken cancellationToken)
    {
        // The primary shortlist's top groups, plus every group only the auxiliary embedding shortlisted (whatever its
        // primary cosine: that photo's patch may not have been found).
        var shortlisted = shortlist.Groups.Where((images, i) => i < options.Groups || images[0].Auxiliary).SelectMany(images => images)
            .Concat(shortlist.Ungrouped.Take(options.Ungrouped))
            .Where(c => c.Cosine >= options.MinCosine || c.Auxiliary)
            .ToList();
        // An ungrouped image may show one of the groups' designs (not filed yet): it is no rival to any group.
        var designs = shortlisted.DistinctBy(c => c.ImageId).ToDictionary(c => c.ImageId, c => c.GroupId?.ToString("N"));
        var candidates = shortlisted.Select(c => c.ImageId).ToList();
        if (!options.Enabled || candidates.Count == 0)
        {
            return InlierCounts.None;
        }
        var features = await LoadAsync([queryImageId, .. candidates], cancellationToken);
        if (!features.Remove(queryImageId, out var query))
        {
            return InlierCounts.None;
        }
        var verified = candidates.Where(features.ContainsKey).ToList();
        if (verified.Count == 0)
        {
            return InlierCounts.None;
        }
        var result = await embedder.VerifyAsync(query, [.. verified.Select(id => features[id])], cancellationToken,
            options.DistinctiveInliers ? [.. verified.Select(id => designs[id])] : null);
        if (result.Outcome != EmbedderOutcome.Success || result.Value!.Inliers.Length != verified.Count
            || result.Value.Distinctive is { } d && d.Length != verified.Count)
        {
            LogVerificationFailed(logger, result.Outcome, result.Detail);
            return InlierCounts.None;
        }
        var all = verified.Zip(result.Value.Inliers).ToDictionary(p => p.First, p => p.Second);
        return new InlierCounts(all, result.Value.Distinctive is { } distinctive
            ? verified.Zip(distinctive).ToDictionary(p => p.First, p => p.Second)
            : all);
    }

    private async Task<Dictionary<Guid, byte[]>> LoadAsync(Guid[] imageIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT image_id, data FROM local_features WHERE image_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = imageIds });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var features = new Dictionary<Guid, byte[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            features[reader.GetGuid(0)] = reader.GetFieldValue<byte[]>(1);
        }
        return features;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification skipped ({Outcome}): {Detail}")]
    private static partial void LogVerificationFailed(ILogger logger, EmbedderOutcome outcome, string? detail);
}
