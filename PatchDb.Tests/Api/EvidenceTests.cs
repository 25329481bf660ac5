using System.Net;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>"Why it matched" end to end: real Embedder (local features, RANSAC), real Postgres.</summary>
public sealed class EvidenceTests(TestInfrastructure infra)
{
    // Its own gallery verifies with well over a hundred inliers (VerificationFlowTests).
    private const string Design = "nasa-sts-129";
    private const string Other = "flag-ae";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_confirmed_match_shows_its_inlier_pairs_and_says_so_in_words()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var user = await ApiUser.CreateAsync(host, Ct);
        var (group, gallery) = await user.EnrolAsync(Design, Ct);
        var (other, _) = await user.EnrolAsync(Other, Ct);
        var query = await user.UploadOkAsync(TestImages.Query(Design, 3), Ct);
        var patchId = query.GetProperty("patch").GetProperty("id").GetGuid();

        var match = Assert.Single(query.GetProperty("matches").EnumerateArray());
        Assert.Equal(group, match.GetProperty("group_id").GetGuid());
        Assert.True(match.GetProperty("verified").GetBoolean());
        Assert.True(match.GetProperty("inliers").GetInt32() >= 14);

        var evidence = await user.GetJsonAsync($"/{user.Id}/patch/{patchId}/evidence/{group}", Ct);
        Assert.Equal(patchId, evidence.GetProperty("patch_id").GetGuid());
        Assert.Equal(group, evidence.GetProperty("group_id").GetGuid());
        var groupImage = evidence.GetProperty("group_image_id").GetGuid();
        Assert.Contains(groupImage, gallery);
        Assert.True(evidence.GetProperty("verified").GetBoolean());
        var inliers = evidence.GetProperty("inliers").GetInt32();
        Assert.True(inliers >= 14, $"{inliers} inliers");
        Assert.Equal($"Confirmed by {inliers} matching details", evidence.GetProperty("summary").GetString());
        Assert.InRange(evidence.GetProperty("score").GetDouble(), 0.5, 1);
        Assert.Equal($"/{user.Id}/images/{patchId}/square", evidence.GetProperty("query_path").GetString());
        Assert.Equal($"/{user.Id}/images/{groupImage}/square", evidence.GetProperty("group_image_path").GetString());
        var pairs = evidence.GetProperty("correspondences").EnumerateArray().ToList();
        Assert.InRange(pairs.Count, Math.Min(inliers, 200) * 9 / 10, 200);
        foreach (var pair in pairs)
        {
            foreach (var name in new[] { "qx", "qy", "gx", "gy" })
            {
                Assert.InRange(pair.GetProperty(name).GetDouble(), 0, 1);
            }
        }

        // The other design: no confirmation, said in words.
        var unrelated = await user.GetJsonAsync($"/{user.Id}/patch/{patchId}/evidence/{other}", Ct);
        Assert.False(unrelated.GetProperty("verified").GetBoolean());
        Assert.DoesNotContain("Confirmed", unrelated.GetProperty("summary").GetString());
        Assert.True(unrelated.GetProperty("correspondences").GetArrayLength() < 14);
    }

    [Fact]
    public async Task Evidence_for_a_photo_still_pending_is_409_and_for_an_unknown_group_404()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var pending = (await user.UploadOkAsync(TestImages.Any, Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var group = (await user.SendJsonAsync(HttpMethod.Post, $"/{user.Id}/group", new { patch_id = pending, name = "G" }, Ct))
            .GetProperty("id").GetGuid();

        await Problem.AssertAsync(await user.Client.GetAsync($"/{user.Id}/patch/{pending}/evidence/{group}", Ct), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await user.Client.GetAsync($"/{user.Id}/patch/{pending}/evidence/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await user.Client.GetAsync($"/{user.Id}/patch/{Guid.NewGuid()}/evidence/{group}", Ct), HttpStatusCode.NotFound);
    }
}
