using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Imaging.Interop;

namespace PatchDb.Tests.Embedder;

/// <summary>Every accepted format decodes, re-encoded from a bench photo with libvips' own savers.</summary>
public sealed class FormatTests
{
    [Theory]
    [InlineData("png", "pngsave_buffer", "")]
    [InlineData("webp", "webpsave_buffer", "Q=80")]
    [InlineData("gif", "gifsave_buffer", "")]
    [InlineData("tiff", "tiffsave_buffer", "compression=deflate")]
    [InlineData("heif", "heifsave_buffer", "compression=hevc")]
    [InlineData("avif", "heifsave_buffer", "compression=av1")]
    public void Accepted_formats_decode_to_their_size(string format, string saver, string options)
    {
        var bytes = Encode(TestPhotos.BenchLandscapeJpeg(), saver, options);
        if (bytes is null)
        {
            Assert.Skip($"This libvips build cannot write {format} test input.");
        }

        var photo = new PhotoDecoder(new ImageLimits()).Decode(bytes, 224);

        Assert.Equal((format, 512, 384), (photo.Format, photo.Width, photo.Height));
        Assert.Equal((224, 168), (photo.Working.Width, photo.Working.Height));
    }

    private static byte[]? Encode(byte[] jpeg, string saver, string options)
    {
        using var decoded = ImageOps.ThumbnailBuffer(jpeg, 512);
        try
        {
            using var op = VipsOperation.Create(saver).Set("in", decoded);
            if (options.Length > 0)
            {
                op.Options(options);
            }

            return op.Build().GetBuffer("buffer");
        }
        catch (VipsException)
        {
            return null;
        }
    }
}
