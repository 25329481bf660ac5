using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;

namespace PatchDb.Api.Recognition;

/// <summary>
/// Per (user, model) vectors held in memory and searched exhaustively. Loaded lazily from Postgres; dropped on any
/// change of the user's images or groups (here, and on other replicas through <see cref="IndexInvalidation"/>).
/// </summary>
public sealed class MatchIndex(IServiceScopeFactory scopeFactory)
{
    private readonly ConcurrentDictionary<(Guid User, string Model), Lazy<Task<UserVectors>>> _entries = new();

    public async Task<MatchSet> MatchAsync(Guid userId, string modelId, float[] query, ScoreCalibration calibration,
        double threshold, int limit, Guid? exclude, CancellationToken cancellationToken)
    {
        var vectors = await GetAsync(userId, modelId);
        if (vectors.Count == 0)
        {
            return MatchSet.Empty;
        }
        var scores = vectors.Similarities(query);
        var bestPerGroup = new Dictionary<Guid, ImageScore>();
        var ungrouped = new List<ImageScore>();
        for (var i = 0; i < scores.Length; i++)
        {
            var image = vectors.Images[i];
            var score = calibration.Apply(scores[i]);
            if (image.ImageId == exclude || score < threshold)
            {
                continue;
            }
            var candidate = new ImageScore(image.ImageId, image.GroupId, score);
            if (image.GroupId is not { } groupId)
            {
                ungrouped.Add(candidate);
            }
            else if (!bestPerGroup.TryGetValue(groupId, out var best) || candidate.Score > best.Score)
            {
                bestPerGroup[groupId] = candidate;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new MatchSet(Top(bestPerGroup.Values, limit), Top(ungrouped, limit));
    }

    /// <summary>Adds a just-analysed image to a loaded snapshot (cheaper than reloading after every upload).</summary>
    public void Add(Guid userId, string modelId, IndexedImage image, float[] vector)
    {
        var key = (userId, modelId);
        if (!_entries.TryGetValue(key, out var current))
        {
            return;
        }
        if (!current.IsValueCreated || !current.Value.IsCompletedSuccessfully)
        {
            // A load still running may or may not see the new row: drop it rather than guess.
            _entries.TryRemove(new KeyValuePair<(Guid, string), Lazy<Task<UserVectors>>>(key, current));
        }
        else
        {
            var updated = current.Value.Result.With(image, vector);
            if (!_entries.TryUpdate(key, new Lazy<Task<UserVectors>>(Task.FromResult(updated)), current))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    public void Invalidate(Guid userId)
    {
        foreach (var key in _entries.Keys)
        {
            if (key.User == userId)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private async Task<UserVectors> GetAsync(Guid userId, string modelId)
    {
        var key = (userId, modelId);
        var entry = _entries.GetOrAdd(key, k => new Lazy<Task<UserVectors>>(() => LoadAsync(k.User, k.Model)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<(Guid, string), Lazy<Task<UserVectors>>>(key, entry));
            throw;
        }
    }

    private async Task<UserVectors> LoadAsync(Guid userId, string modelId)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchDbContext>();
        var rows = await db.Embeddings
            .Where(e => e.ModelId == modelId)
            .Join(db.Images.Where(i => i.UserId == userId && i.Status == AnalysisStatus.Analyzed),
                e => e.ImageId, i => i.Id, (e, i) => new { i.Id, i.GroupId, e.Vector })
            .AsNoTracking()
            .ToListAsync();
        if (rows.Count == 0)
        {
            return UserVectors.Empty;
        }
        var dimensions = rows[0].Vector.Length;
        rows.RemoveAll(r => r.Vector.Length != dimensions);
        var vectors = new float[rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Vector.CopyTo(vectors, i * dimensions);
        }
        return new UserVectors([.. rows.Select(r => new IndexedImage(r.Id, r.GroupId))], vectors, dimensions);
    }

    private static List<ImageScore> Top(IEnumerable<ImageScore> scores, int limit) =>
        [.. scores.OrderByDescending(s => s.Score).ThenBy(s => s.ImageId).Take(limit)];
}
