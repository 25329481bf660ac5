using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>The Embedder sends shortlist descriptors the Api may not search (sift-words-v1 is off by default): only the
/// configured ones are stored, so the photo's primary embedding is always the model's own.</summary>
public sealed class AuxiliaryEmbeddingStorageTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Only_configured_auxiliary_embeddings_are_stored_and_matching_uses_the_models_own(bool visualWords)
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        var settings = new Dictionary<string, string?>();
        if (visualWords)
        {
            settings["Recognition:AuxiliaryModels:1"] = "sift-words-v1";
        }
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url, settings);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var gallery = await alice.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct);
        var galleryId = gallery.GetProperty("patch").GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = galleryId, name = "STS-1" }, Ct);

        var query = await alice.UploadOkAsync(TestImages.Query("nasa-sts-001", 3), Ct);

        await using (var db = host.CreateDbContext())
        {
            var models = db.Embeddings.Where(e => e.ImageId == galleryId).Select(e => e.ModelId).ToHashSet();
            Assert.Contains("classic-v1", models);
            Assert.Equal(visualWords, models.Contains("sift-words-v1"));
        }
        // The query's match is the enrolled photo's group, scored by classic-v1 and verification, either way.
        Assert.Equal(galleryId, query.GetProperty("matches")[0].GetProperty("id").GetGuid());
    }
}
