using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Api.Storage;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Cut-outs end to end: real Embedder (OpenCV, libvips), real Postgres and blob store.</summary>
public sealed class CutoutTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cut_out_is_stored_content_addressed_served_listed_and_deleted_with_its_image()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        // Every cut-out counts as confident here: this test is about storage, not about the threshold.
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url, new Dictionary<string, string?> { ["Cutouts:MinConfidence"] = "0" });
        var user = await ApiUser.CreateAsync(host, Ct);

        var patch = (await user.UploadOkAsync(TestImages.Any, Ct)).GetProperty("patch");
        var id = patch.GetProperty("id").GetGuid();
        var path = $"/{user.Id}/images/{id}/cutout";
        Assert.Equal(path, patch.GetProperty("cutout_path").GetString());
        Assert.InRange(patch.GetProperty("cutout_confidence").GetDouble(), 0, 1);

        var response = await user.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using (var db = host.CreateDbContext())
        {
            var image = await db.Images.AsNoTracking().SingleAsync(i => i.Id == id, Ct);
            Assert.Equal(sha, image.CutoutSha256);
            var blob = await db.Blobs.AsNoTracking().SingleAsync(b => b.Sha256 == sha, Ct);
            Assert.Equal("image/webp", blob.ContentType);
            Assert.Equal(1, blob.ReferenceCount);
        }

        var list = await user.GetJsonAsync($"/{user.Id}/patches", Ct);
        Assert.Equal(path, Assert.Single(list.GetProperty("ungrouped_patches").EnumerateArray()).GetProperty("cutout_path").GetString());

        (await user.Client.DeleteAsync($"/{user.Id}/patch/{id}", Ct)).EnsureSuccessStatusCode();
        await using (var db = host.CreateDbContext())
        {
            Assert.False(await db.Blobs.AnyAsync(b => b.Sha256 == sha, Ct));
        }
        await using var stream = await host.Host.Services.GetRequiredService<IBlobStore>().OpenReadAsync(sha, Ct);
        Assert.Null(stream);
    }

    [Fact]
    public async Task A_photo_without_a_confident_cut_out_has_no_cutout_path_and_no_cutout()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var user = await ApiUser.CreateAsync(host, Ct);

        var patch = (await user.UploadBytesAsync(PlainJpeg(), "table.jpg", Ct)).EnsureSuccessStatusCode();
        var json = System.Text.Json.JsonDocument.Parse(await patch.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("patch");
        var id = json.GetProperty("id").GetGuid();

        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("cutout_path").ValueKind);
        Assert.True(json.GetProperty("cutout_confidence").GetDouble() < 0.5);
        await Problem.AssertAsync(await user.Client.GetAsync($"/{user.Id}/images/{id}/cutout", Ct), HttpStatusCode.NotFound);
        // The square, the fallback, is there.
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/{user.Id}/images/{id}/square", Ct)).StatusCode);
    }

    /// <summary>A smoothly shaded, lightly noisy surface with nothing on it.</summary>
    private static byte[] PlainJpeg()
    {
        using var xy = NetVips.Image.Xyz(640, 480);
        using var shade = xy[0] * 0.08 + xy[1] * 0.05 + 120;
        using var noise = NetVips.Image.Gaussnoise(640, 480, sigma: 3);
        using var grey = shade + noise;
        using var bytes = grey.Cast(NetVips.Enums.BandFormat.Uchar);
        using var rgb = bytes.Bandjoin(bytes, bytes).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        return rgb.JpegsaveBuffer(q: 90);
    }
}
