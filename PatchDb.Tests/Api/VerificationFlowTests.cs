using System.Text.Json;
using Npgsql;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Geometric verification end to end: real Embedder (classic-v1 + local features), real Postgres.</summary>
public sealed class VerificationFlowTests(TestInfrastructure infra)
{
    // A query photo whose global similarity to its own group stays below classic-v1's decision point (a poorly
    // segmented photo), while its local features match the gallery photos with a clear homography. With libvips 8.18
    // (issue 14): cosine 0.877 to its own gallery, 135 inliers; the former choice, nasa-iss-exp41 query 4, now reaches 0.919.
    private const string Design = "nasa-sts-129";
    private const int QueryIndex = 3;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verification_finds_the_group_that_the_global_similarity_alone_misses()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var verified = await ApiTestHost.StartAsync(infra, embedder.Url);
        await using var unverified = await ApiTestHost.StartAsync(infra, embedder.Url,
            new Dictionary<string, string?> { ["Recognition:Verification:Enabled"] = "false" });

        var (withVerification, groupId) = await EnrolAndQueryAsync(verified);
        var (withoutVerification, _) = await EnrolAndQueryAsync(unverified);

        var top = Assert.Single(withVerification.GetProperty("matches").EnumerateArray());
        Assert.Equal(groupId, top.GetProperty("group_id").GetGuid());
        Assert.InRange(top.GetProperty("score").GetDouble(), 0.5, 1);
        Assert.Empty(withoutVerification.GetProperty("matches").EnumerateArray());
        // Every analysed photo keeps its local features (three gallery photos and the query).
        Assert.Equal(4L, await CountFeaturesAsync(verified.ConnectionString));
    }

    private static async Task<(JsonElement Query, Guid GroupId)> EnrolAndQueryAsync(ApiTestHost host)
    {
        var user = await ApiUser.CreateAsync(host, Ct);
        var ids = new List<Guid>();
        for (var k = 0; k < 3; k++)
        {
            ids.Add((await user.UploadOkAsync(TestImages.Gallery(Design, k), Ct)).GetProperty("patch").GetProperty("id").GetGuid());
        }
        var groupId = (await user.SendJsonAsync(HttpMethod.Post, $"/{user.Id}/group", new { patch_id = ids[0], name = "Expedition 41" }, Ct))
            .GetProperty("id").GetGuid();
        foreach (var id in ids.Skip(1))
        {
            await user.SendJsonAsync(HttpMethod.Patch, $"/{user.Id}/group", new { patch_id = id, group_id = groupId }, Ct);
        }
        return (await user.UploadOkAsync(TestImages.Query(Design, QueryIndex), Ct), groupId);
    }

    private static async Task<long> CountFeaturesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM local_features", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
