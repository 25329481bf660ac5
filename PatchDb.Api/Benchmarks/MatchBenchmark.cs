using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Benchmarks;

/// <summary>Match latency for a user with a large collection, written straight to Postgres in groups of 5: clones of
/// <see cref="Sources"/> real uploads (their embeddings slightly disturbed, their local features as they are), so that
/// real uploads shortlist and verify as many candidates with real feature blobs as in a real collection. The in-memory
/// searches use random query vectors (both shortlists, as an upload does, without the Embedder's verification).</summary>
internal static class MatchBenchmark
{
    public static async Task RunAsync(IServiceProvider services, Uri address, ModelInfo model, int collection,
        Queue<string> photos, CancellationToken cancellationToken)
    {
        var user = await BenchmarkClient.CreateAsync(address, cancellationToken);
        for (var i = 0; i < Sources && photos.Count > 0; i++)
        {
            await user.UploadAsync(photos.Dequeue(), cancellationToken);
        }
        var seedWatch = Stopwatch.StartNew();
        var (cloned, dimensions) = await SeedAsync(services, user.UserId, model, collection - Sources, cancellationToken);
        await SettleAsync(services, cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Seeded {collection - Sources} clones of {cloned} real uploads ({model.ModelId}, {model.Dimensions} dimensions, "
            + $"with their local features) in {seedWatch.Elapsed.TotalSeconds:F1} s.");
        Console.WriteLine();
        Console.WriteLine($"| match, user with {collection} images | n | p50 ms | p95 ms | p99 ms | per s |");
        Console.WriteLine("|---|---|---|---|---|---|");

        var index = services.GetRequiredService<MatchIndex>();
        var options = services.GetRequiredService<IOptions<RecognitionOptions>>().Value;
        var verification = services.GetRequiredService<IOptions<VerificationOptions>>().Value;
        // An upload's matching without the Embedder's verification (synthetic vectors have no local features).
        var random = new Random(7);
        async Task SearchAsync(float[] query)
        {
            var shortlist = await index.ShortlistAsync(user.UserId, model.ModelId, query, Math.Max(options.MaxMatches, verification.Groups),
                verification.ImagesPerGroup, Math.Max(options.MaxMatches, verification.Ungrouped), null, cancellationToken);
            // The whole-photo and visual-word shortlists every upload also searches (issue 16).
            foreach (var auxiliary in options.AuxiliaryModels.Distinct().Where(dimensions.ContainsKey))
            {
                shortlist = await index.WithAuxiliaryAsync(user.UserId, shortlist, model.ModelId, query, auxiliary,
                    RandomUnitVector(random, dimensions[auxiliary]), verification.AuxiliaryGroups, verification.AuxiliaryImagesPerGroup, null, cancellationToken);
            }
            MatchScorer.Score(shortlist, new Dictionary<Guid, int>(), options.CalibrationFor(model.ModelId), verification,
                options.ThresholdFor(model.ModelId), options.MaxMatches);
        }
        index.Invalidate(user.UserId);
        var cold = Stopwatch.StartNew();
        await SearchAsync(RandomUnitVector(random, model.Dimensions));
        Console.WriteLine(BenchmarkStats.Row("index load from Postgres + first search (cold)", [cold.Elapsed.TotalMilliseconds]));

        var searches = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var query = RandomUnitVector(random, model.Dimensions);
            var watch = Stopwatch.StartNew();
            await SearchAsync(query);
            searches.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(BenchmarkStats.Row("exact search in memory (warm)", searches, searches.Count / (searches.Sum() / 1000)));

        var membership = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            index.InvalidateMembership(user.UserId);
            var watch = Stopwatch.StartNew();
            await SearchAsync(RandomUnitVector(random, model.Dimensions));
            membership.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(BenchmarkStats.Row("first search after a group change (membership reload)", membership));

        var uploads = new List<double>();
        for (var i = 0; i < 30 && photos.Count > 0; i++)
        {
            uploads.Add((await user.UploadAsync(photos.Dequeue(), cancellationToken)).Milliseconds);
        }
        Console.WriteLine(BenchmarkStats.Row("upload → matches over HTTP, 1 client", uploads));
    }

    /// <summary>Real uploads the collection is cloned from: as many as an upload verifies at most.</summary>
    private const int Sources = 35;

    /// <summary>Seeds <paramref name="count"/> clones of the user's analysed images; returns how many images they clone
    /// and the size of each model's vectors.</summary>
    private static async Task<(int Cloned, Dictionary<string, int> Dimensions)> SeedAsync(IServiceProvider services, Guid userId, ModelInfo model, int count, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchDbContext>();
        var sources = await db.Images.AsNoTracking().Where(i => i.UserId == userId && i.Status == AnalysisStatus.Analyzed)
            .Include(i => i.Embeddings).ToListAsync(cancellationToken);
        var sourceIds = sources.Select(i => i.Id).ToList();
        var features = await db.LocalFeatures.AsNoTracking().Where(f => sourceIds.Contains(f.ImageId))
            .ToDictionaryAsync(f => f.ImageId, f => f.Data, cancellationToken);
        if (sources.Count == 0 || features.Count == 0)
        {
            throw new InvalidOperationException("The real uploads were not analysed with local features: is the Embedder's OpenCV loadable?");
        }
        var store = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var blobs = scope.ServiceProvider.GetRequiredService<BlobReferences>();
        // Every synthetic image points at one real blob, counted once per image.
        var staged = await store.StageAsync(new MemoryStream(Guid.NewGuid().ToByteArray()), 1024, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await blobs.AddReferenceAsync(db, staged, "application/octet-stream", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        ImageGroup? group = null;
        for (var i = 0; i < count; i++)
        {
            if (i % 5 == 0)
            {
                group = new ImageGroup { Id = Guid.CreateVersion7(), UserId = userId, Name = $"design {i / 5}", CreatedAt = now };
                db.Groups.Add(group);
            }
            var image = new Image
            {
                Id = Guid.CreateVersion7(), UserId = userId, GroupId = group!.Id, OriginalSha256 = staged.Sha256,
                Status = AnalysisStatus.Analyzed, CreatedAt = now,
            };
            var source = sources[i % sources.Count];
            foreach (var embedding in source.Embeddings)
            {
                image.Embeddings.Add(new ImageEmbedding { ImageId = image.Id, ModelId = embedding.ModelId, Vector = Disturbed(random, embedding.Vector), CreatedAt = now });
            }
            if (features.TryGetValue(source.Id, out var data))
            {
                db.LocalFeatures.Add(new ImageFeatures { ImageId = image.Id, Data = data });
            }
            db.Images.Add(image);
            if (i % 1000 == 999 || i == count - 1)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        await db.Database.ExecuteSqlAsync($"UPDATE blobs SET reference_count = reference_count + {count - 1} WHERE sha256 = {staged.Sha256}", cancellationToken);
        return (sources.Count, sources.SelectMany(i => i.Embeddings).DistinctBy(e => e.ModelId).ToDictionary(e => e.ModelId, e => e.Vector.Length));
    }

    /// <summary>A real collection of 10,000 images was not bulk-written a moment ago: without this, the checkpoints and
    /// autovacuum that follow the seeding share the 2 cores with the timed uploads.</summary>
    private static async Task SettleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchDbContext>();
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) images, embeddings, local_features", cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("CHECKPOINT", cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == "42501")
        {
            // Not allowed for this role (CHECKPOINT needs pg_checkpoint): the vacuum did most of the settling.
        }
    }

    /// <summary>The vector plus a little noise, renormalised (a cosine of about 0.99 with it): clones are near their
    /// source without being equal to it or to each other.</summary>
    private static float[] Disturbed(Random random, float[] vector)
    {
        var noise = RandomUnitVector(random, vector.Length);
        var result = new float[vector.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = vector[i] + 0.15f * noise[i];
        }
        return Normalised(result);
    }

    private static float[] RandomUnitVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return Normalised(vector);
    }

    private static float[] Normalised(float[] vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(vector));
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
