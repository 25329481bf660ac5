using NetVips;
using PatchDb.Embedder.Imaging;

namespace PatchDb.Tests.Embedder;

/// <summary>Every accepted format decodes, re-encoded from a bench photo with libvips' own savers.</summary>
public sealed class FormatTests
{
    [Theory]
    [InlineData("png", ".png")]
    [InlineData("webp", ".webp[Q=80]")]
    [InlineData("gif", ".gif")]
    [InlineData("tiff", ".tif[compression=deflate]")]
    [InlineData("heif", ".heic[compression=hevc]")]
    [InlineData("avif", ".avif")]
    public void Accepted_formats_decode_to_their_size(string format, string saver)
    {
        var bytes = Encode(TestPhotos.BenchLandscapeJpeg(), saver);
        if (bytes is null)
        {
            Assert.Skip($"This libvips build cannot write {format} test input.");
        }

        var photo = new PhotoDecoder(new ImageLimits()).Decode(bytes, 224);

        Assert.Equal((format, 512, 384), (photo.Format, photo.Width, photo.Height));
        Assert.Equal((224, 168), (photo.Working.Width, photo.Working.Height));
    }

    [Fact]
    public void The_libvips_bundled_with_NetVips_is_the_one_loaded()
    {
        // Not a system libvips (Debian 12 ships 8.14), whose loaders and fixes differ.
        Assert.Equal((8, 18), (NetVips.NetVips.Version(0), NetVips.NetVips.Version(1)));
    }

    internal static byte[]? Encode(byte[] jpeg, string saver)
    {
        using var decoded = Image.ThumbnailBuffer(jpeg, 512);
        try
        {
            return decoded.WriteToBuffer(saver);
        }
        catch (VipsException)
        {
            return null;
        }
    }
}
