using System.Net;
using System.Net.Http.Json;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Tests.Api;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Embedder;

public sealed class VerifyApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Blob(LocalFeatureSet features) => Convert.ToBase64String(features.Encode());

    private static async Task<HttpResponseMessage> PostVerifyAsync(EmbedderHost host, object body) =>
        await host.Client.PostAsJsonAsync("/v1/verify", body, EmbedderHost.Json, Ct);

    private static async Task<int[]> VerifyAsync(EmbedderHost host, string query, params string[] candidates)
    {
        using var response = await PostVerifyAsync(host, new { query, candidates });
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return (await response.Content.ReadFromJsonAsync<VerifyResult>(EmbedderHost.Json, Ct))!.Inliers;
    }

    [Fact]
    public async Task Inliers_come_back_in_candidate_order()
    {
        await using var host = new EmbedderHost();
        var original = SyntheticScene.Render(seed: 21);
        var warped = SyntheticScene.Warp(original, SyntheticScene.ViewChange(-35, 0.85, -1e-4, 1e-4));
        var query = Blob(OpenCvVision.Extract(original, 800));

        var inliers = await VerifyAsync(host, query, Blob(OpenCvVision.Extract(SyntheticScene.Render(seed: 22), 800)),
            Blob(OpenCvVision.Extract(warped, 800)), Blob(OpenCvVision.Extract(SyntheticScene.Render(seed: 23), 800)));

        Assert.Equal(3, inliers.Length);
        Assert.True(inliers[0] < 10 && inliers[1] >= 30 && inliers[2] < 10, string.Join(", ", inliers));
    }

    [Fact]
    public async Task Bad_requests_get_400_problems_naming_the_field()
    {
        // One host for every case: each started host adds to the test run's load.
        await using var host = new EmbedderHost(new() { ["Embedder:LocalFeatures:MaxCandidates"] = "2" });
        var good = Blob(new LocalFeatureSet(8, 8, [1, 2], new byte[128]));
        var cases = new (string Fault, object Body, string Field)[]
        {
            ("bad base64 query", new { query = "not base64!", candidates = new[] { good } }, "query"),
            ("bad base64 candidate", new { query = good, candidates = new[] { good, "not base64!" } }, "candidates[1]"),
            ("bad blob", new { query = good, candidates = new[] { good, Convert.ToBase64String("PDLX0000"u8) } }, "candidates[1]"),
            ("too many candidates", new { query = good, candidates = new[] { good, good, good } }, "candidates"),
            ("no candidates", new { query = good, candidates = Array.Empty<string>() }, "candidates"),
            ("no query", new { candidates = new[] { good } }, "query"),
            ("query a number", new { query = 12, candidates = new[] { good } }, "query"),
            ("candidate a number", new { query = good, candidates = new object[] { 12 } }, "candidates[0]"),
            ("a design too many", new { query = good, candidates = new[] { good }, designs = new[] { "a", "b" } }, "designs"),
            ("an empty design", new { query = good, candidates = new[] { good, good }, designs = new[] { "a", " " } }, "designs"),
        };

        foreach (var (fault, body, field) in cases)
        {
            using var response = await PostVerifyAsync(host, body);

            var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{fault}: {problem}");
        }

        // The same host answers a good request: the faults above were the bodies, not the service.
        Assert.Single(await VerifyAsync(host, good, good));
    }

    [Fact]
    public async Task Designs_bring_back_the_inliers_that_tell_each_design_apart_and_without_them_none()
    {
        await using var host = new EmbedderHost();
        var (query, right, sibling) = SiblingDesigns.Scene();
        object[] candidates = [Blob(right), Blob(sibling)];

        using var labelled = await PostVerifyAsync(host, new { query = Blob(query), candidates, designs = new[] { "a", "b" } });
        using var plain = await PostVerifyAsync(host, new { query = Blob(query), candidates });

        var byDesign = (await labelled.Content.ReadFromJsonAsync<VerifyResult>(EmbedderHost.Json, Ct))!;
        var without = (await plain.Content.ReadFromJsonAsync<VerifyResult>(EmbedderHost.Json, Ct))!;
        Assert.Equal(without.Inliers, byDesign.Inliers);
        Assert.Null(without.Distinctive);
        Assert.NotNull(byDesign.Distinctive);
        Assert.True(byDesign.Distinctive[0] >= 20 && byDesign.Distinctive[1] < 10 && byDesign.Inliers[1] >= 30,
            $"inliers {string.Join(", ", byDesign.Inliers)}, distinctive {string.Join(", ", byDesign.Distinctive)}");
    }

    [Fact]
    public async Task Analysis_carries_features_that_verify_the_same_design_and_not_another()
    {
        await using var host = new EmbedderHost();
        string Photo(string file) => Path.Combine(RepoPaths.BenchPatches, file);

        var query = await host.AnalyzeAsync(await File.ReadAllBytesAsync(Photo("query/nasa-sts-070_3.jpg"), Ct));
        var same = await host.AnalyzeAsync(await File.ReadAllBytesAsync(Photo("gallery/nasa-sts-070_0.jpg"), Ct));
        var other = await host.AnalyzeAsync(await File.ReadAllBytesAsync(Photo("gallery/nasa-sts-086_0.jpg"), Ct));

        Assert.All(new[] { query, same, other }, a => Assert.NotNull(a.LocalFeatures));
        Assert.Equal(3, host.Metrics.Values("patchdb.embedder.features.duration").Count);
        var features = LocalFeatureSet.Decode(query.LocalFeatures!);
        Assert.Equal(512, Math.Max(features.Width, features.Height));
        var inliers = await VerifyAsync(host, Convert.ToBase64String(query.LocalFeatures!),
            Convert.ToBase64String(same.LocalFeatures!), Convert.ToBase64String(other.LocalFeatures!));
        Assert.True(inliers[0] >= 15 && inliers[1] < 15, string.Join(", ", inliers));
    }

    [Fact]
    public async Task Disabled_features_leave_the_analysis_without_them()
    {
        await using var host = new EmbedderHost(new() { ["Embedder:LocalFeatures:Enabled"] = "false" });

        var analysis = await host.AnalyzeAsync(TestPhotos.BenchLandscapeJpeg());

        Assert.Null(analysis.LocalFeatures);
    }

    [Fact]
    public async Task Invalid_local_feature_options_stop_start_up()
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync("PatchDb.Embedder",
            new Dictionary<string, string> { ["Embedder__LocalFeatures__Ratio"] = "1.5" }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Embedder:LocalFeatures", output);
    }

    private sealed record VerifyResult(int[] Inliers, int[]? Distinctive = null);
}
