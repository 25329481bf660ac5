using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Models.Classic;

namespace PatchDb.Embedder.Services;

/// <summary>The analysis' <see cref="PatchOutlineResponse"/>: the segmentation's outline scaled from the working image to
/// the full photo.</summary>
public static class PatchOutlines
{
    public static PatchOutlineResponse Describe(DecodedPhoto photo, PatchSegmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var working = photo.Working;
        var location = PatchLocator.Locate(working, segmentation);
        double sx = photo.Width / (double)working.Width, sy = photo.Height / (double)working.Height;
        var outline = location.Outline.SelectMany(p => new[] { Math.Round(p.X * sx, 1), Math.Round(p.Y * sy, 1) }).ToArray();
        var (x, y, w, h) = location.Box(working.Width, working.Height, 0);
        int[] box = [(int)(x * sx), (int)(y * sy), (int)Math.Ceiling(w * sx), (int)Math.Ceiling(h * sy)];
        return new PatchOutlineResponse(outline, box, Math.Round(location.Support, 3), location.Confident);
    }
}
