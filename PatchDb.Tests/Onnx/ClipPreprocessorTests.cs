using PatchDb.Embedder.Models.Clip;

namespace PatchDb.Tests.Onnx;

public sealed class ClipPreprocessorTests
{
    private const int Plane = 224 * 224;

    private static float Normalised(float value, int channel) =>
        (value / 255f - ClipPreprocessor.Mean[channel]) / ClipPreprocessor.Std[channel];

    [Theory]
    [InlineData(224, 224)]
    [InlineData(640, 480)]
    [InlineData(97, 300)]
    [InlineData(1000, 30)]
    public void A_solid_colour_gives_the_normalised_constant(int width, int height)
    {
        var preprocessor = new ClipPreprocessor();
        var tensor = new float[preprocessor.TensorLength];

        preprocessor.Process(TestImages.Solid(width, height, 200, 30, 90), tensor);

        byte[] rgb = [200, 30, 90];
        for (var c = 0; c < 3; c++)
        {
            var expected = Normalised(rgb[c], c);
            Assert.All(tensor.AsSpan(c * Plane, Plane).ToArray(), v => Assert.Equal(expected, v, 1e-4f));
        }
    }

    [Fact]
    public void A_448_by_224_image_is_cropped_to_its_centre()
    {
        var preprocessor = new ClipPreprocessor();
        var tensor = new float[preprocessor.TensorLength];

        preprocessor.Process(TestImages.Coordinates(448, 224), tensor);

        // Already 224 high: no resampling, columns 112..335 survive. R = x / 2, G = y, B = 7.
        foreach (var (y, x) in new[] { (0, 0), (0, 223), (100, 50), (223, 111), (223, 223) })
        {
            Assert.Equal(Normalised((112 + x) / 2, 0), tensor[y * 224 + x], 1e-4f);
            Assert.Equal(Normalised(y, 1), tensor[Plane + y * 224 + x], 1e-4f);
            Assert.Equal(Normalised(7, 2), tensor[2 * Plane + y * 224 + x], 1e-4f);
        }
    }

    [Fact]
    public void A_224_by_448_image_is_cropped_to_its_middle_rows()
    {
        var preprocessor = new ClipPreprocessor();
        var tensor = new float[preprocessor.TensorLength];

        preprocessor.Process(TestImages.Coordinates(224, 448), tensor);

        foreach (var (y, x) in new[] { (0, 0), (143, 10), (223, 223) })
        {
            Assert.Equal(Normalised((112 + y) % 256, 1), tensor[Plane + y * 224 + x], 1e-4f);
            Assert.Equal(Normalised(x / 2, 0), tensor[y * 224 + x], 1e-4f);
        }
    }

    [Fact]
    public void Shrinking_averages_neighbours_and_keeps_edges_apart()
    {
        var preprocessor = new ClipPreprocessor();
        var tensor = new float[preprocessor.TensorLength];
        var image = TestImages.Solid(448, 448, 0, 0, 0);
        for (var y = 0; y < 448; y++)
        {
            for (var x = 224; x < 448; x++)
            {
                image.Pixels[(y * 448 + x) * 3] = 255;
            }
        }

        preprocessor.Process(image, tensor);

        var row = tensor.AsSpan(100 * 224, 224).ToArray();
        Assert.Equal(Normalised(0, 0), row[0], 1e-4f);
        Assert.Equal(Normalised(255, 0), row[223], 1e-4f);
        // Symmetric around the edge at 112: the two sides of it mirror each other around mid-grey.
        Assert.Equal(Normalised(255, 0) + Normalised(0, 0), row[111] + row[112], 1e-3f);
        Assert.InRange(row[112], Normalised(128, 0), Normalised(255, 0));
    }

    [Fact]
    public void Too_few_pixel_bytes_are_rejected()
    {
        var preprocessor = new ClipPreprocessor();

        Assert.Throws<ArgumentException>(() =>
            preprocessor.Process(new PatchDb.Embedder.Models.RgbImage(10, 10, new byte[299]), new float[preprocessor.TensorLength]));
    }
}
