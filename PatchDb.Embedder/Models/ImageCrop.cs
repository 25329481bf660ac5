namespace PatchDb.Embedder.Models;

public static class ImageCrop
{
    /// <summary>A copy of a rectangle of <paramref name="image"/> (clipped to it).</summary>
    public static RgbImage Crop(RgbImage image, (int X, int Y, int Width, int Height) box)
    {
        ArgumentNullException.ThrowIfNull(image);
        int x = Math.Clamp(box.X, 0, image.Width - 1), y = Math.Clamp(box.Y, 0, image.Height - 1);
        int w = Math.Clamp(box.Width, 1, image.Width - x), h = Math.Clamp(box.Height, 1, image.Height - y);
        var pixels = new byte[w * h * 3];
        for (var row = 0; row < h; row++)
        {
            Array.Copy(image.Pixels, (y + row) * image.Stride + x * 3, pixels, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, pixels);
    }
}
