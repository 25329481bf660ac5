using System.Text.Json;
using PatchDb.Embedder.Models;
using PatchDb.Tests.Embedder;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Sibling designs end to end (real Embedder, real Postgres): two groups share half their design, the query is a
/// view of the first. The Api sends each candidate's group, so the shared half confirms neither group.</summary>
public sealed class DistinctiveVerificationTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_shared_half_confirms_neither_sibling_and_all_inliers_still_rank_the_candidates()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        // Made-up scenes are far apart for classic-v1: verify every shortlisted group whatever its cosine.
        await using var distinctive = await ApiTestHost.StartAsync(infra, embedder.Url,
            new Dictionary<string, string?> { ["Recognition:Verification:MinCosine"] = "-1" });
        await using var plain = await ApiTestHost.StartAsync(infra, embedder.Url, new Dictionary<string, string?>
        {
            ["Recognition:Verification:MinCosine"] = "-1",
            ["Recognition:Verification:DistinctiveInliers"] = "false",
        });

        var (byDesign, right, sibling) = await EnrolAndQueryAsync(distinctive);
        var (everyInlier, plainRight, _) = await EnrolAndQueryAsync(plain);

        var matches = byDesign.GetProperty("matches").EnumerateArray().ToList();
        Assert.Equal(right, Assert.Single(matches).GetProperty("group_id").GetGuid());
        // The sibling is offered as a candidate, ranked by all its inliers, but not matched.
        var candidate = byDesign.GetProperty("candidates").EnumerateArray().SingleOrDefault(c => c.GetProperty("group_id").GetGuid() == sibling);
        Assert.True(candidate.ValueKind == JsonValueKind.Object, byDesign.ToString());
        Assert.False(candidate.GetProperty("verified").GetBoolean());
        // What confirmed the match is the right design's own half: fewer inliers than plain verification counts.
        var confirming = matches[0].GetProperty("inliers").GetInt32();
        var all = Inliers(everyInlier, plainRight);
        Assert.True(confirming >= 10 && confirming < all, $"confirming {confirming}, all {all}");
    }

    private static int Inliers(JsonElement answer, Guid group) =>
        answer.GetProperty("matches").EnumerateArray().Concat(answer.GetProperty("candidates").EnumerateArray())
            .First(m => m.GetProperty("group_id").GetGuid() == group).GetProperty("inliers").GetInt32();

    private static async Task<(JsonElement Query, Guid Right, Guid Sibling)> EnrolAndQueryAsync(ApiTestHost host)
    {
        var user = await ApiUser.CreateAsync(host, Ct);
        var right = await GroupAsync(user, SiblingDesigns.Sibling(ownSeed: 42), "right");
        var sibling = await GroupAsync(user, SiblingDesigns.Sibling(ownSeed: 43), "sibling");
        var query = SyntheticScene.Warp(SiblingDesigns.Sibling(ownSeed: 42), SyntheticScene.ViewChange(12, 0.9, -5e-5, 5e-5));
        var response = await user.UploadBytesAsync(Jpeg(query), "query.jpg", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return (JsonDocument.Parse(body).RootElement.Clone(), right, sibling);
    }

    private static async Task<Guid> GroupAsync(ApiUser user, RgbImage photo, string name)
    {
        var response = await user.UploadBytesAsync(Jpeg(photo), $"{name}.jpg", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        var patch = JsonDocument.Parse(body).RootElement.GetProperty("patch").GetProperty("id").GetGuid();
        return (await user.SendJsonAsync(HttpMethod.Post, $"/{user.Id}/group", new { patch_id = patch, name }, Ct)).GetProperty("id").GetGuid();
    }

    private static byte[] Jpeg(RgbImage image)
    {
        using var vips = NetVips.Image.NewFromMemory(image.Pixels, image.Width, image.Height, 3, NetVips.Enums.BandFormat.Uchar);
        return vips.JpegsaveBuffer(q: 92);
    }
}
