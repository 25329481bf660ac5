using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Imaging;

/// <summary>A decoded photo: <paramref name="Width"/>×<paramref name="Height"/> is the full image after EXIF
/// orientation; <paramref name="Working"/> is a shrunk, oriented, sRGB copy for the models.</summary>
public sealed record DecodedPhoto(string Format, int Width, int Height, RgbImage Working);
