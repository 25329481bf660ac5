using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Tests.Api;

namespace PatchDb.Tests.Embedder;

/// <summary>/v1/verify/evidence over HTTP: the pairs it returns agree with the known view change.</summary>
public sealed class EvidenceApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Blob(LocalFeatureSet features) => Convert.ToBase64String(features.Encode());

    [Fact]
    public async Task The_pairs_are_inliers_of_the_true_view_change_in_the_square_frame()
    {
        await using var host = new EmbedderHost();
        var original = SyntheticScene.Render(seed: 31);
        var truth = SyntheticScene.ViewChange(25, 0.85, 1e-4, -5e-5);
        var query = Blob(OpenCvVision.Extract(original, 800));
        var candidate = Blob(OpenCvVision.Extract(SyntheticScene.Warp(original, truth), 800));

        using var verify = await host.Client.PostAsJsonAsync("/v1/verify", new { query, candidates = new[] { candidate } }, EmbedderHost.Json, Ct);
        var inliers = JsonDocument.Parse(await verify.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("inliers")[0].GetInt32();
        using var response = await host.Client.PostAsJsonAsync("/v1/verify/evidence", new { query, candidate, max_pairs = 50 }, EmbedderHost.Json, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        var evidence = JsonDocument.Parse(text).RootElement;

        Assert.Equal(inliers, evidence.GetProperty("inliers").GetInt32());
        Assert.True(inliers >= 30, $"{inliers} inliers");
        var pairs = evidence.GetProperty("correspondences").EnumerateArray().ToList();
        Assert.Equal(50, pairs.Count);
        foreach (var pair in pairs)
        {
            // A 512×512 image is its own square: normalised = (x + 0.5) / 512.
            double Pixel(string name) => pair.GetProperty(name).GetDouble() * 512 - 0.5;
            var (ex, ey) = truth.Apply(Pixel("qx"), Pixel("qy"));
            var error = Math.Sqrt((ex - Pixel("gx")) * (ex - Pixel("gx")) + (ey - Pixel("gy")) * (ey - Pixel("gy")));
            Assert.True(error < 4, $"({Pixel("qx"):F1}, {Pixel("qy"):F1}) → ({Pixel("gx"):F1}, {Pixel("gy"):F1}), expected ({ex:F1}, {ey:F1})");
        }
    }

    [Fact]
    public async Task Bad_requests_get_400_problems_naming_the_field()
    {
        await using var host = new EmbedderHost();
        var good = Blob(new LocalFeatureSet(8, 8, [1, 2], new byte[128]));
        var cases = new (string Fault, object Body, string Field)[]
        {
            ("no candidate", new { query = good }, "candidate"),
            ("bad base64 query", new { query = "not base64!", candidate = good }, "query"),
            ("bad base64 candidate", new { query = good, candidate = "not base64!" }, "candidate"),
            ("bad blob", new { query = Convert.ToBase64String("PDLX0000"u8), candidate = good }, "query"),
            ("candidate a number", new { query = good, candidate = 12 }, "candidate"),
            ("too many pairs", new { query = good, candidate = good, max_pairs = 500 }, "max_pairs"),
        };

        foreach (var (fault, body, field) in cases)
        {
            using var response = await host.Client.PostAsJsonAsync("/v1/verify/evidence", body, EmbedderHost.Json, Ct);

            var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{fault}: {problem}");
        }

        // The same host answers a good request: the faults above were the bodies, not the service.
        using var answered = await host.Client.PostAsJsonAsync("/v1/verify/evidence", new { query = good, candidate = good }, EmbedderHost.Json, Ct);
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync(Ct));
    }
}
