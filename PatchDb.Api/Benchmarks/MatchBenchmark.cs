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

/// <summary>Match latency for a user with a large collection: the collection is synthetic (random unit vectors of the
/// active model's size, plus the auxiliary whole-photo embedding, in groups of 5, written straight to Postgres), the
/// queries are real uploads and direct index searches (both shortlists, as an upload does).</summary>
internal static class MatchBenchmark
{
    public static async Task RunAsync(IServiceProvider services, Uri address, ModelInfo model, int collection,
        Queue<string> photos, CancellationToken cancellationToken)
    {
        var user = await BenchmarkClient.CreateAsync(address, cancellationToken);
        var seedWatch = Stopwatch.StartNew();
        await SeedAsync(services, user.UserId, model, collection, cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Seeded {collection} images ({model.ModelId}, {model.Dimensions} dimensions) in {seedWatch.Elapsed.TotalSeconds:F1} s.");
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
            // The second, whole-photo shortlist every upload also searches (issue 16).
            foreach (var auxiliary in options.AuxiliaryModels)
            {
                shortlist = await index.WithAuxiliaryAsync(user.UserId, shortlist, model.ModelId, query, auxiliary,
                    RandomUnitVector(random, AuxiliaryDimensions), verification.AuxiliaryGroups, verification.ImagesPerGroup, null, cancellationToken);
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
        for (var i = 0; i < 10 && photos.Count > 0; i++)
        {
            uploads.Add((await user.UploadAsync(photos.Dequeue(), cancellationToken)).Milliseconds);
        }
        Console.WriteLine(BenchmarkStats.Row("upload → matches over HTTP, 1 client", uploads));
    }

    /// <summary>The whole-photo ResNet18 descriptor's size (the Embedder's auxiliary embedding).</summary>
    private const int AuxiliaryDimensions = 512;

    private static async Task SeedAsync(IServiceProvider services, Guid userId, ModelInfo model, int count, CancellationToken cancellationToken)
    {
        var auxiliaryModels = services.GetRequiredService<IOptions<RecognitionOptions>>().Value.AuxiliaryModels;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchDbContext>();
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
            image.Embeddings.Add(new ImageEmbedding { ImageId = image.Id, ModelId = model.ModelId, Vector = RandomUnitVector(random, model.Dimensions), CreatedAt = now });
            foreach (var auxiliary in auxiliaryModels)
            {
                image.Embeddings.Add(new ImageEmbedding { ImageId = image.Id, ModelId = auxiliary, Vector = RandomUnitVector(random, AuxiliaryDimensions), CreatedAt = now });
            }
            db.Images.Add(image);
            if (i % 1000 == 999 || i == count - 1)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        await db.Database.ExecuteSqlAsync($"UPDATE blobs SET reference_count = reference_count + {count - 1} WHERE sha256 = {staged.Sha256}", cancellationToken);
    }

    private static float[] RandomUnitVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(vector));
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
