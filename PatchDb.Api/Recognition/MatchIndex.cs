using System.Collections.Concurrent;
using Npgsql;
using PatchDb.Api.Model;
using PatchDb.Api.Options;

namespace PatchDb.Api.Recognition;

/// <summary>
/// Per (user, model) vectors held in memory and searched exhaustively, plus per user the group of every image.
/// Both load lazily from Postgres. Vectors only grow (new uploads are appended); group changes and deletions only drop
/// the cheap membership map, which also hides deleted images. Other replicas learn of changes through
/// <see cref="IndexInvalidation"/>.
/// </summary>
public sealed class MatchIndex(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<(Guid User, string Model), Lazy<Task<UserVectors>>> _vectors = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<Dictionary<Guid, Guid?>>>> _membership = new();
    private volatile bool _readThrough;

    /// <summary>While other replicas' changes cannot reach this one (Redis away), every match reads Postgres afresh
    /// instead of a snapshot that may miss them. Switching either way drops every snapshot: changes published while
    /// the connection was failing were lost.</summary>
    public bool ReadThrough
    {
        get => _readThrough;
        set
        {
            _readThrough = value;
            _vectors.Clear();
            _membership.Clear();
        }
    }

    public async Task<MatchSet> MatchAsync(Guid userId, string modelId, float[] query, ScoreCalibration calibration,
        double threshold, int limit, Guid? exclude, CancellationToken cancellationToken)
    {
        var vectors = await GetAsync(_vectors, (User: userId, Model: modelId), k => LoadVectorsAsync(k.Item1, k.Item2));
        if (vectors.Count == 0)
        {
            return MatchSet.Empty;
        }
        var groups = await GetAsync(_membership, userId, LoadMembershipAsync);
        var similarities = vectors.Similarities(query);
        var bestPerGroup = new Dictionary<Guid, ImageScore>();
        var ungrouped = new List<ImageScore>();
        for (var i = 0; i < similarities.Length; i++)
        {
            var imageId = vectors.ImageIds[i];
            var score = calibration.Apply(similarities[i]);
            // Images missing from the membership map were deleted since the vectors were loaded.
            if (imageId == exclude || score < threshold || !groups.TryGetValue(imageId, out var group))
            {
                continue;
            }
            var candidate = new ImageScore(imageId, group, score);
            if (group is not { } groupId)
            {
                ungrouped.Add(candidate);
            }
            else if (!bestPerGroup.TryGetValue(groupId, out var best) || candidate.Score > best.Score)
            {
                bestPerGroup[groupId] = candidate;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new MatchSet(Top(bestPerGroup.Values, limit), Top(ungrouped, limit), []);
    }

    /// <summary>The candidates worth a closer look (<see cref="ShortlistBuilder"/>), unscored.</summary>
    public async Task<Shortlist> ShortlistAsync(Guid userId, string modelId, float[] query, int groupLimit, int imagesPerGroup,
        int ungroupedLimit, Guid? exclude, CancellationToken cancellationToken)
    {
        var vectors = await GetAsync(_vectors, (User: userId, Model: modelId), k => LoadVectorsAsync(k.Item1, k.Item2));
        if (vectors.Count == 0)
        {
            return Shortlist.Empty;
        }
        var groups = await GetAsync(_membership, userId, LoadMembershipAsync);
        cancellationToken.ThrowIfCancellationRequested();
        return ShortlistBuilder.Build(vectors, vectors.Similarities(query), groups, groupLimit, imagesPerGroup, ungroupedLimit, exclude);
    }

    /// <summary>
    /// <paramref name="primary"/> plus the groups an auxiliary embedding ranks highest that it lacks (at most
    /// <paramref name="groupLimit"/>), their images carrying the primary model's cosine (<see cref="ShortlistMerger"/>).
    /// </summary>
    public async Task<Shortlist> WithAuxiliaryAsync(Guid userId, Shortlist primary, string primaryModel, float[] primaryQuery,
        string auxiliaryModel, float[] auxiliaryQuery, int groupLimit, int imagesPerGroup, Guid? exclude, CancellationToken cancellationToken)
    {
        if (groupLimit <= 0)
        {
            return primary;
        }
        var auxiliary = await ShortlistAsync(userId, auxiliaryModel, auxiliaryQuery, groupLimit + primary.Groups.Count, imagesPerGroup, 0,
            exclude, cancellationToken);
        var added = ShortlistMerger.NewGroups(primary, auxiliary, groupLimit);
        if (added.Count == 0)
        {
            return primary;
        }
        var vectors = await GetAsync(_vectors, (User: userId, Model: primaryModel), k => LoadVectorsAsync(k.Item1, k.Item2));
        var cosines = vectors.SimilaritiesOf(added.SelectMany(g => g).Select(c => c.ImageId).ToHashSet(), primaryQuery);
        return ShortlistMerger.Merge(primary, added, cosines);
    }

    /// <summary>Adds a just-analysed image to loaded snapshots (cheaper than reloading after every upload).</summary>
    public void Add(Guid userId, string modelId, Guid imageId, float[] vector)
    {
        Update(_vectors, (userId, modelId), v => v.With(imageId, vector));
        // An image analysed late (outbox) may already be in a group: a loaded membership knows better.
        Update(_membership, userId, m => m.ContainsKey(imageId) ? m : new Dictionary<Guid, Guid?>(m) { [imageId] = null });
    }

    /// <summary>Loads one image's embeddings from Postgres into loaded snapshots (an upload on another replica).</summary>
    public async Task AddFromDatabaseAsync(Guid userId, Guid imageId)
    {
        await using var command = dataSource.CreateCommand("SELECT model_id, vector FROM embeddings WHERE image_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = imageId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Add(userId, reader.GetString(0), imageId, reader.GetFieldValue<float[]>(1));
        }
    }

    /// <summary>Group membership changed or images were deleted.</summary>
    public void InvalidateMembership(Guid userId) => _membership.TryRemove(userId, out _);

    /// <summary>Vectors changed (analysis completed, re-index): reload everything of this user.</summary>
    public void Invalidate(Guid userId)
    {
        InvalidateMembership(userId);
        foreach (var key in _vectors.Keys.Where(k => k.User == userId))
        {
            _vectors.TryRemove(key, out _);
        }
    }

    private static void Update<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> entries, TKey key, Func<T, T> change)
        where TKey : notnull
    {
        if (!entries.TryGetValue(key, out var current))
        {
            return;
        }
        // A load still running may or may not see the new row: drop it rather than guess.
        if (!current.IsValueCreated || !current.Value.IsCompletedSuccessfully
            || !entries.TryUpdate(key, new Lazy<Task<T>>(Task.FromResult(change(current.Value.Result))), current))
        {
            entries.TryRemove(new KeyValuePair<TKey, Lazy<Task<T>>>(key, current));
        }
    }

    private async Task<T> GetAsync<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> entries, TKey key, Func<TKey, Task<T>> load)
        where TKey : notnull
    {
        if (_readThrough)
        {
            return await load(key);
        }
        var entry = entries.GetOrAdd(key, k => new Lazy<Task<T>>(() => load(k)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<TKey, Lazy<Task<T>>>(key, entry));
            throw;
        }
    }

    private async Task<UserVectors> LoadVectorsAsync(Guid userId, string modelId)
    {
        // Plain Npgsql: vectors stream from the binary protocol into one row-major buffer.
        await using var command = dataSource.CreateCommand("""
            SELECT i.id, e.vector FROM embeddings e JOIN images i ON i.id = e.image_id
            WHERE i.user_id = $1 AND e.model_id = $2 AND i.status = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = modelId });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)AnalysisStatus.Analyzed });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        var vectors = new List<float>();
        var dimensions = -1;
        while (await reader.ReadAsync())
        {
            var vector = reader.GetFieldValue<float[]>(1);
            dimensions = dimensions < 0 ? vector.Length : dimensions;
            if (vector.Length == dimensions)
            {
                ids.Add(reader.GetGuid(0));
                vectors.AddRange(vector);
            }
        }
        return ids.Count == 0 ? UserVectors.Empty : new UserVectors([.. ids], [.. vectors], dimensions);
    }

    private async Task<Dictionary<Guid, Guid?>> LoadMembershipAsync(Guid userId)
    {
        await using var command = dataSource.CreateCommand("SELECT id, group_id FROM images WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync();
        var groups = new Dictionary<Guid, Guid?>();
        while (await reader.ReadAsync())
        {
            groups[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetGuid(1);
        }
        return groups;
    }

    private static List<ImageScore> Top(IEnumerable<ImageScore> scores, int limit) =>
        [.. scores.OrderByDescending(s => s.Score).ThenBy(s => s.ImageId).Take(limit)];
}
