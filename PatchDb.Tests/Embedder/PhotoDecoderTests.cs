using PatchDb.Embedder.Imaging;

namespace PatchDb.Tests.Embedder;

public sealed class PhotoDecoderTests
{
    private readonly PhotoDecoder _decoder = new(new ImageLimits());

    [Fact]
    public void Bench_photo_decodes_to_its_size_with_a_shrunk_working_copy()
    {
        var photo = _decoder.Decode(TestPhotos.BenchLandscapeJpeg(), 224);

        Assert.Equal(("jpeg", 1024, 768), (photo.Format, photo.Width, photo.Height));
        Assert.Equal((224, 168), (photo.Working.Width, photo.Working.Height));
        Assert.Equal(224 * 168 * 3, photo.Working.Pixels.Length);
        // A real photo is not a flat grey: the pixels came through.
        Assert.True(photo.Working.Pixels.Distinct().Count() > 50);
    }

    [Fact]
    public void Exif_orientation_6_gives_a_portrait_photo_and_thumbnail()
    {
        var rotated = TestPhotos.WithExifOrientation(TestPhotos.BenchLandscapeJpeg(), 6);

        var analyzed = _decoder.DecodeWithDerivatives(rotated, 224);

        Assert.Equal((768, 1024), (analyzed.Photo.Width, analyzed.Photo.Height));
        Assert.Equal((168, 224), (analyzed.Photo.Working.Width, analyzed.Photo.Working.Height));
        var thumbnail = _decoder.Decode(analyzed.ThumbnailWebp, 1024);
        Assert.Equal(("webp", 96, 128), (thumbnail.Format, thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void Derivatives_are_a_128_thumbnail_and_a_512_square_centred_on_black()
    {
        var analyzed = _decoder.DecodeWithDerivatives(TestPhotos.BenchLandscapeJpeg(), 224);

        var thumbnail = _decoder.Decode(analyzed.ThumbnailWebp, 1024);
        Assert.Equal(("webp", 128, 96), (thumbnail.Format, thumbnail.Width, thumbnail.Height));
        var square = _decoder.Decode(analyzed.SquareWebp, 1024);
        Assert.Equal(("webp", 512, 512), (square.Format, square.Width, square.Height));
        // 512×384 image centred: the top 64 rows are black bars, the middle row is not.
        var pixels = square.Working.Pixels;
        Assert.True(pixels.AsSpan(0, 512 * 3 * 60).IndexOfAnyExcept((byte)0, (byte)1, (byte)2) < 0);
        Assert.True(pixels.AsSpan(512 * 3 * 256, 512 * 3).IndexOfAnyExcept((byte)0, (byte)1, (byte)2) >= 0);
    }

    [Fact]
    public void Transparent_pixels_are_flattened_onto_black()
    {
        // Left half opaque red, right half fully transparent white.
        var png = TestPhotos.Png(8, 4, grey16: false, (x, _) => x < 4 ? ((byte)255, (byte)0, (byte)0, (byte)255) : ((byte)255, (byte)255, (byte)255, (byte)0));

        var photo = _decoder.Decode(png, 224);

        Assert.Equal(("png", 8, 4), (photo.Format, photo.Working.Width, photo.Working.Height));
        Assert.Equal(8 * 4 * 3, photo.Working.Pixels.Length);
        Assert.Equal(new byte[] { 255, 0, 0 }, photo.Working.Pixels[..3]);
        Assert.Equal(new byte[] { 0, 0, 0 }, photo.Working.Pixels[(7 * 3)..(8 * 3)]);
    }

    [Fact]
    public void Sixteen_bit_grey_becomes_8_bit_rgb()
    {
        var png = TestPhotos.Png(16, 16, grey16: true, (x, _) => ((byte)(x * 16), 0, 0, 255));

        var photo = _decoder.Decode(png, 224);

        Assert.Equal((16, 16, 16 * 16 * 3), (photo.Working.Width, photo.Working.Height, photo.Working.Pixels.Length));
        var last = photo.Working.Pixels.AsSpan(15 * 3, 3).ToArray();
        Assert.Equal(last[0], last[1]);
        Assert.Equal(last[1], last[2]);
        Assert.InRange(last[0], 230, 250);
    }

    internal static readonly (string Input, int Status)[] BadInputStatuses =
    [
        ("random", 415), ("empty", 415), ("text.jpg", 415), ("svg", 415), ("pdf", 415),
        ("truncated", 422), ("png-30000x30000", 413), ("header-only-jpeg", 422),
    ];

    public static TheoryData<string, int> BadInputs => new(BadInputStatuses);

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_rejected_with_the_right_status(string input, int status)
    {
        var bytes = Bad(input);

        var rejected = Assert.Throws<ImageRejectedException>(() => _decoder.DecodeWithDerivatives(bytes, 224));
        var rejectedByDecode = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(bytes, 224));

        Assert.Equal(status, rejected.StatusCode);
        Assert.Equal(status, rejectedByDecode.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
        TestContext.Current.TestOutputHelper?.WriteLine($"{input}: {rejected.Message}");
    }

    [Fact]
    public void More_bytes_than_the_limit_is_413_before_decoding()
    {
        var decoder = new PhotoDecoder(new ImageLimits { MaxBytes = 1000 });

        var rejected = Assert.Throws<ImageRejectedException>(() => decoder.Decode(TestPhotos.BenchLandscapeJpeg(), 224));

        Assert.Equal(413, rejected.StatusCode);
    }

    internal static byte[] Bad(string input) =>
        PatchDb.Embedder.Benchmarks.BadInputs.All(TestPhotos.BenchLandscapeJpeg()).Single(b => b.Name == input).Bytes;
}
