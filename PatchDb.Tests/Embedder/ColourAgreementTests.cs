using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Models;

namespace PatchDb.Tests.Embedder;

/// <summary>Colour-weighed verification: a sibling design with the same shapes in other colours keeps its inliers
/// but loses weight (down to half); the same print, darker or seen from another angle, keeps nearly all.</summary>
public sealed class ColourAgreementTests
{
    private const int MaxFeatures = 800;

    [Fact]
    public void The_grid_holds_each_cells_chromaticity_whatever_its_brightness()
    {
        // Left half red, right half dark blue; the bottom row half as bright as the top.
        var pixels = new byte[4 * 2 * 3];
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                var level = (byte)(y == 0 ? 200 : 100);
                var o = 3 * (y * 4 + x);
                (pixels[o], pixels[o + 1], pixels[o + 2]) = x < 2 ? (level, (byte)0, (byte)0) : ((byte)0, (byte)0, level);
            }
        }

        var grid = ChromaGrid.Of(new RgbImage(4, 2, pixels), size: 2);

        Assert.Equal(new byte[] { 255, 0, 0, 0, 255, 0, 0, 0 }, grid.Cells);
        Assert.Equal((255, 0), grid.At(0.5, 1.5, 4, 2));
        Assert.Equal((0, 0), grid.At(3.9, 0.1, 4, 2));
    }

    [Fact]
    public void A_black_image_is_neutral_grey()
    {
        var grid = ChromaGrid.Of(new RgbImage(8, 8, new byte[8 * 8 * 3]), size: 1);

        Assert.Equal(new byte[] { 85, 85 }, grid.Cells);
    }

    [Fact]
    public void Version_2_blobs_carry_the_grid_and_version_1_blobs_still_decode_without_it()
    {
        var grid = new ChromaGrid(2, [1, 2, 3, 4, 5, 6, 7, 8]);
        var v2 = new LocalFeatureSet(64, 32, [1, 2], new byte[128], grid).Encode();
        var v1 = new LocalFeatureSet(64, 32, [1, 2], new byte[128]).Encode();

        Assert.Equal(new byte[] { 2, 2, 0, 0 }, v2[4..8]);
        Assert.Equal(v1.Length + 8, v2.Length);
        Assert.Equal(grid.Cells, LocalFeatureSet.Decode(v2).Chroma!.Cells);
        Assert.Equal(2, LocalFeatureSet.Decode(v2).Chroma!.Size);
        Assert.Null(LocalFeatureSet.Decode(v1).Chroma);
        Assert.Equal([1f, 2f], LocalFeatureSet.Decode(v2).Xy);

        var v1WithGridByte = v1.ToArray();
        v1WithGridByte[5] = 2;
        Assert.Throws<LocalFeatureFormatException>(() => LocalFeatureSet.Decode(v1WithGridByte));
        Assert.Throws<LocalFeatureFormatException>(() => LocalFeatureSet.Decode(v2[..^1]));
    }

    [Fact]
    public void The_same_print_from_another_angle_and_darker_keeps_its_inliers()
    {
        var original = SyntheticScene.Render(seed: 21);
        var view = Darker(SyntheticScene.Warp(original, SyntheticScene.ViewChange(degrees: 15, scale: 0.85, p6: 1e-4, p7: 0)), 0.7);
        var query = OpenCvVision.Extract(original, MaxFeatures);
        var candidate = OpenCvVision.Extract(view, MaxFeatures);

        var (inliers, _) = OpenCvVision.Verify(query, candidate, 0.8, 4);
        var consistent = OpenCvVision.VerifyColourConsistent(query, candidate, 0.8, 4);

        Assert.True(inliers >= 30, $"{inliers} inliers");
        Assert.True(consistent >= 0.8 * inliers, $"{consistent} of {inliers} inliers colour-consistent");
    }

    [Fact]
    public void A_recoloured_sibling_verifies_but_few_of_its_inliers_are_colour_consistent()
    {
        var original = SyntheticScene.Render(seed: 21);
        var sibling = Recoloured(SyntheticScene.Warp(original, SyntheticScene.ViewChange(degrees: 15, scale: 0.85, p6: 1e-4, p7: 0)));
        var query = OpenCvVision.Extract(original, MaxFeatures);
        var candidate = OpenCvVision.Extract(sibling, MaxFeatures);

        var (inliers, _) = OpenCvVision.Verify(query, candidate, 0.8, 4);
        var consistent = OpenCvVision.VerifyColourConsistent(query, candidate, 0.8, 4);

        Assert.True(inliers >= 20, $"{inliers} inliers");
        Assert.True(consistent <= 0.7 * inliers, $"{consistent} of {inliers} inliers colour-consistent");
    }

    [Fact]
    public void Without_a_grid_on_either_side_the_plain_count_is_kept()
    {
        var original = SyntheticScene.Render(seed: 21);
        var query = OpenCvVision.Extract(original, MaxFeatures);
        var candidate = OpenCvVision.Extract(Recoloured(original), MaxFeatures) with { Chroma = null };

        Assert.Equal(OpenCvVision.Verify(query, candidate, 0.8, 4).Inliers, OpenCvVision.VerifyColourConsistent(query, candidate, 0.8, 4));
    }

    private static RgbImage Darker(RgbImage image, double factor) =>
        image with { Pixels = [.. image.Pixels.Select(p => (byte)Math.Round(p * factor))] };

    // The channels rotated (r, g, b → b, r, g): the same shapes, other colours.
    private static RgbImage Recoloured(RgbImage image)
    {
        var pixels = new byte[image.Pixels.Length];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (image.Pixels[i + 2], image.Pixels[i], image.Pixels[i + 1]);
        }

        return image with { Pixels = pixels };
    }
}
