namespace PatchDb.Tests.Api;

/// <summary>JPEG photos of flat patches at known places on a shaded, lightly noisy table, drawn here so that the
/// answer is known without the Embedder: each patch is a textured design (<see cref="Embedder.SyntheticScene"/>)
/// inside a dark border, as a merrowed edge is.</summary>
internal static class PatchPhotos
{
    private const int Border = 8;

    public static byte[] Jpeg(int width, int height, params (int X, int Y, int Width, int Height)[] patches)
    {
        var pixels = Embedder.CutOutScene.TablePixels(width, height, seed: 7);
        for (var k = 0; k < patches.Length; k++)
        {
            var patch = patches[k];
            var design = Embedder.SyntheticScene.Render(seed: 11 + k, patch.Width, patch.Height).Pixels;
            for (var y = 0; y < patch.Height; y++)
            {
                for (var x = 0; x < patch.Width; x++)
                {
                    var edge = x < Border || y < Border || x >= patch.Width - Border || y >= patch.Height - Border;
                    var to = 3 * ((patch.Y + y) * width + patch.X + x);
                    var from = 3 * (y * patch.Width + x);
                    pixels[to] = edge ? (byte)30 : design[from];
                    pixels[to + 1] = edge ? (byte)30 : design[from + 1];
                    pixels[to + 2] = edge ? (byte)40 : design[from + 2];
                }
            }
        }
        using var image = NetVips.Image.NewFromMemory(pixels, width, height, 3, NetVips.Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 90);
    }
}
