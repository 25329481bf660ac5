namespace PatchDb.Embedder.Models;

/// <summary>An 8-bit sRGB image, pixels interleaved R,G,B row by row (stride = Width * 3), already EXIF-oriented.</summary>
public sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    public int Stride => Width * 3;
}
