using PatchDb.Embedder.Imaging;

namespace PatchDb.Embedder.Benchmarks;

internal static class BenchmarkPhotos
{
    public static List<byte[]> Phone(string directory, int count) =>
        [.. Directory.GetFiles(directory, "*.jpg").Order(StringComparer.Ordinal).Take(count).Select(File.ReadAllBytes)];

    /// <summary>Upscales phone photos to 4000×3000 (12 MP) JPEGs with libvips, written to and read back from a temp folder.</summary>
    public static List<byte[]> TwelveMegapixel(List<byte[]> photos, string folder)
    {
        var result = new List<byte[]>();
        for (var i = 0; i < photos.Count; i++)
        {
            using var decoded = ImageOps.ThumbnailBuffer(photos[i], 100_000);
            using var srgb = ImageOps.ToSrgb8(decoded);
            using var large = srgb.Resize(4000.0 / Math.Max(srgb.Width, srgb.Height));
            var path = Path.Combine(folder, $"large-{i}.jpg");
            File.WriteAllBytes(path, large.JpegsaveBuffer(q: 90));
            result.Add(File.ReadAllBytes(path));
        }

        return result;
    }
}
