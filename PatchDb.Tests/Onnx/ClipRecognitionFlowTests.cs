using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchDb.Tests.Api;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Onnx;

/// <summary>
/// CLIP end to end, the way a user gets it: the Embedder downloads it at first use (from the local hub-like server),
/// the Api fuses its global similarity with geometric verification exactly as for classic-v1 (per model id), and text
/// search answers. Real Embedder, Api, Postgres and Redis.
/// </summary>
public sealed class ClipRecognitionFlowTests(TestInfrastructure infra)
{
    // Known to verify with a clear homography (VerificationFlowTests).
    private const string Design = "nasa-sts-129";
    private const int QueryIndex = 3;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_downloaded_clip_model_is_verified_geometrically_and_searches_by_text()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var embedder = new EmbedderTestHost(infra);
        await using var _ = embedder;
        embedder.Start(TinyClipRepository.Settings(await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress)));
        // The tiny model's weights are random: a calibration no cosine can pass leaves the decision to verification
        // alone, which shows that verification, not the global similarity, found the group.
        var settings = new Dictionary<string, string?>
        {
            ["Recognition:Calibrations:clip-vit-b32:Center"] = "2",
            ["Recognition:Calibrations:clip-vit-b32:Width"] = "0.01",
            ["Recognition:Verification:MinCosine"] = "-1",
        };
        await using var verified = await ApiTestHost.StartAsync(infra, embedder.Url, settings);
        await using var unverified = await ApiTestHost.StartAsync(infra, embedder.Url,
            new Dictionary<string, string?>(settings) { ["Recognition:Verification:Enabled"] = "false" });

        var (withVerification, groupId, user) = await EnrolAndQueryAsync(verified);
        var (withoutVerification, _, _) = await EnrolAndQueryAsync(unverified);
        var search = await user.GetJsonAsync($"/{user.Id}/search?q=a%20mission%20patch", Ct);

        var top = Assert.Single(withVerification.GetProperty("matches").EnumerateArray());
        Assert.Equal(groupId, top.GetProperty("group_id").GetGuid());
        Assert.Empty(withoutVerification.GetProperty("matches").EnumerateArray());
        Assert.Equal("clip-vit-b32", search.GetProperty("model_id").GetString());
        Assert.Contains(search.GetProperty("matches").EnumerateArray(), m => m.GetProperty("group_id").GetGuid() == groupId);
    }

    private static async Task<(JsonElement Query, Guid GroupId, ApiUser User)> EnrolAndQueryAsync(ApiTestHost host)
    {
        var user = await ApiUser.CreateAsync(host, Ct);
        var ids = new List<Guid>();
        for (var k = 0; k < 3; k++)
        {
            var upload = await user.UploadOkAsync(PatchDb.Tests.Api.TestImages.Gallery(Design, k), Ct);
            Assert.Equal("clip-vit-b32", await ModelIdAsync(host, upload.GetProperty("patch").GetProperty("id").GetGuid()));
            ids.Add(upload.GetProperty("patch").GetProperty("id").GetGuid());
        }

        var groupId = (await user.SendJsonAsync(HttpMethod.Post, $"/{user.Id}/group", new { patch_id = ids[0], name = "STS-129" }, Ct))
            .GetProperty("id").GetGuid();
        foreach (var id in ids.Skip(1))
        {
            await user.SendJsonAsync(HttpMethod.Patch, $"/{user.Id}/group", new { patch_id = id, group_id = groupId }, Ct);
        }

        return (await user.UploadOkAsync(PatchDb.Tests.Api.TestImages.Query(Design, QueryIndex), Ct), groupId, user);
    }

    private static async Task<string?> ModelIdAsync(ApiTestHost host, Guid imageId)
    {
        await using var db = host.CreateDbContext();
        return await db.Embeddings.Where(e => e.ImageId == imageId).Select(e => e.ModelId).FirstOrDefaultAsync(Ct);
    }
}
