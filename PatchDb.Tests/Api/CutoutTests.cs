using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Api.Services;
using PatchDb.Api.Storage;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Cut-outs and the patch region (which part of the photo was the query) end to end: real Embedder (OpenCV,
/// libvips), real Postgres and blob store.</summary>
public sealed class CutoutTests(TestInfrastructure infra)
{
    // In an 800×600 photo the segmenter's grid cell is 800 / 512 × 4 ≈ 6 px; an outline lands within 3.5 cells of
    // the true border (as in PatchLocatorTests).
    private const int PhotoWidth = 800, PhotoHeight = 600, RegionTolerance = 22;

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

    [Fact]
    public async Task The_patch_region_is_where_the_patch_lies_and_is_kept_with_the_image()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var user = await ApiUser.CreateAsync(host, Ct);
        var truth = (X: 260, Y: 170, Width: 320, Height: 240);

        var upload = await UploadOkAsync(user, PatchPhotos.Jpeg(PhotoWidth, PhotoHeight, truth));
        Assert.Equal(["matches", "patch", "ungrouped_matches", "status", "candidates", "patch_region"],
            upload.EnumerateObject().Select(p => p.Name));
        var region = upload.GetProperty("patch_region");
        AssertRegion(region, truth);
        Assert.True(region.GetProperty("found").GetBoolean(), region.ToString());
        Assert.InRange(region.GetProperty("confidence").GetDouble(), 0.8, 1);

        var id = upload.GetProperty("patch").GetProperty("id").GetGuid();
        var path = $"/{user.Id}/patch/{id}";
        Assert.True(JsonElement.DeepEquals(region, (await user.GetJsonAsync(path, Ct)).GetProperty("patch_region")));
        // The same bytes again reuse the stored analysis, region included.
        var copy = await UploadOkAsync(user, PatchPhotos.Jpeg(PhotoWidth, PhotoHeight, truth));
        Assert.True(JsonElement.DeepEquals(region, copy.GetProperty("patch_region")));
        await using (var db = host.CreateDbContext())
        {
            var image = await db.Images.AsNoTracking().SingleAsync(i => i.Id == id, Ct);
            Assert.Equal(region.GetProperty("box").EnumerateArray().Select(v => v.GetInt32()), image.PatchBox!);
            // As a photo analysed before regions were stored.
            Assert.Equal(1, await db.Database.ExecuteSqlAsync(
                $"UPDATE images SET patch_box = NULL, patch_outline = NULL, patch_confidence = NULL, patch_confident = NULL WHERE id = {id}", Ct));
        }
        Assert.Equal(JsonValueKind.Null, (await user.GetJsonAsync(path, Ct)).GetProperty("patch_region").ValueKind);

        await using (var scope = host.Host.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Reindexer>().RunAsync(Ct));
        }
        Assert.True(JsonElement.DeepEquals(region, (await user.GetJsonAsync(path, Ct)).GetProperty("patch_region")));
    }

    [Fact]
    public async Task Of_two_patches_in_one_photo_the_larger_is_the_region()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var user = await ApiUser.CreateAsync(host, Ct);
        // The small one is drawn first and lies a little nearer the photo's centre: neither may decide.
        var small = (X: 150, Y: 240, Width: 150, Height: 110);
        var large = (X: 420, Y: 140, Width: 340, Height: 280);

        var region = (await UploadOkAsync(user, PatchPhotos.Jpeg(PhotoWidth, PhotoHeight, small, large))).GetProperty("patch_region");

        AssertRegion(region, large);
        Assert.True(region.GetProperty("found").GetBoolean(), region.ToString());
    }

    [Fact]
    public async Task A_photo_with_no_patch_says_its_region_was_not_found()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var user = await ApiUser.CreateAsync(host, Ct);

        var upload = await UploadOkAsync(user, PlainJpeg());
        var region = upload.GetProperty("patch_region");

        Assert.False(region.GetProperty("found").GetBoolean(), region.ToString());
        Assert.True(region.GetProperty("confidence").GetDouble() < 0.8, region.ToString());
        var id = upload.GetProperty("patch").GetProperty("id").GetGuid();
        Assert.True(JsonElement.DeepEquals(region, (await user.GetJsonAsync($"/{user.Id}/patch/{id}", Ct)).GetProperty("patch_region")));
    }

    private static async Task<JsonElement> UploadOkAsync(ApiUser user, byte[] jpeg)
    {
        var response = await user.UploadBytesAsync(jpeg, "photo.jpg", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The box's sides are each within <see cref="RegionTolerance"/> of the patch's, and the outline inside the box.</summary>
    private static void AssertRegion(JsonElement region, (int X, int Y, int Width, int Height) patch)
    {
        var box = region.GetProperty("box").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var message = $"box [{string.Join(", ", box)}], patch at {patch}";
        Assert.True(box.Length == 4, message);
        Assert.True(Math.Abs(box[0] - patch.X) <= RegionTolerance, message);
        Assert.True(Math.Abs(box[1] - patch.Y) <= RegionTolerance, message);
        Assert.True(Math.Abs(box[0] + box[2] - (patch.X + patch.Width)) <= RegionTolerance, message);
        Assert.True(Math.Abs(box[1] + box[3] - (patch.Y + patch.Height)) <= RegionTolerance, message);
        var outline = region.GetProperty("outline").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.True(outline.Length >= 6 && outline.Length % 2 == 0, $"outline of {outline.Length} numbers");
        for (var i = 0; i < outline.Length; i += 2)
        {
            Assert.InRange(outline[i], box[0] - 1, box[0] + box[2] + 1);
            Assert.InRange(outline[i + 1], box[1] - 1, box[1] + box[3] + 1);
        }
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
