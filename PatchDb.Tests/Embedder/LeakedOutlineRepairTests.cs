using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Embedder;

public sealed class LeakedOutlineRepairTests
{
    private const int Factor = 4;

    [Fact]
    public void Patch_whose_border_has_a_gap_is_outlined_whole()
    {
        var photo = LeakedOutlinePhoto.Render(gap: 0.3);

        var mask = PatchSegmenter.Segment(PlanarImage.FromRgb(photo, 512), Factor);

        var (covered, spill) = Compare(mask);
        Assert.True(covered > 0.97 && spill < 0.2, $"covers {covered:P1} of the patch, {spill:P1} of it again outside; hull {string.Join(" ", mask.Hull)}");
    }

    [Fact]
    public void Patch_with_a_closed_border_is_left_as_the_fill_finds_it()
    {
        var photo = LeakedOutlinePhoto.Render(gap: 0);

        var mask = PatchSegmenter.Segment(PlanarImage.FromRgb(photo, 512), Factor);

        var (covered, spill) = Compare(mask);
        Assert.True(covered > 0.97 && spill < 0.2, $"covers {covered:P1} of the patch, {spill:P1} of it again outside");
    }

    [Fact]
    public void Closed_outline_is_not_repaired()
    {
        const int w = 60, h = 50;
        var ring = Rectangle(w, h, 10, 10, 50, 40, filledInside: false);
        var filled = Rectangle(w, h, 10, 10, 50, 40, filledInside: true);
        IReadOnlyList<(double X, double Y)> current = [(10, 10), (49, 10), (49, 39), (10, 39)];

        var outline = LeakedOutlineRepair.Outline(ring, filled, ring, current, w, h);

        Assert.Same(current, outline);
    }

    [Fact]
    public void Outline_open_on_a_short_stretch_is_closed_along_its_sides_and_a_stray_edge_is_cut_off()
    {
        const int w = 80, h = 60;
        var cluster = Rectangle(w, h, 10, 10, 60, 45, filledInside: false);
        for (var x = 28; x < 42; x++) cluster[44 * w + x] = cluster[43 * w + x] = false; // the gap in the bottom side
        for (var x = 60; x < 75; x++) cluster[20 * w + x] = true; // a background streak joined to the right side
        IReadOnlyList<(double X, double Y)> piece = [(10, 10), (59, 10), (59, 20), (10, 20)]; // what cutting thin parts kept

        var outline = LeakedOutlineRepair.Outline(cluster, cluster, cluster, piece, w, h);

        Assert.NotSame(piece, outline);
        (double X, double Y)[] corners = [(10, 10), (59, 10), (59, 44), (10, 44)];
        Assert.All(corners, c => Assert.True(DistanceToPolygon(c, outline) < 1.5, $"corner {c} is off the outline {string.Join(" ", outline)}"));
        Assert.All(outline, v => Assert.True(v.X < 61.5, $"the streak widened the outline to {v}"));
    }

    [Fact]
    public void Two_sides_alone_are_not_supported_all_round_and_are_not_used()
    {
        const int w = 60, h = 50;
        var corner = new bool[w * h];
        for (var x = 10; x < 50; x++) corner[10 * w + x] = corner[11 * w + x] = true;
        for (var y = 10; y < 40; y++) corner[y * w + 10] = corner[y * w + 11] = true;
        IReadOnlyList<(double X, double Y)> current = [(10, 10), (49, 10), (10, 39)];

        Assert.Same(current, LeakedOutlineRepair.Outline(corner, corner, corner, current, w, h));
    }

    [Fact]
    public void Outline_support_counts_the_perimeter_on_edges()
    {
        const int w = 60, h = 50;
        var ring = Rectangle(w, h, 10, 10, 50, 40, filledInside: false);
        (double X, double Y)[] square = [(10, 10), (49, 10), (49, 39), (10, 39)];
        Assert.Equal(1, OutlineSupport.Fraction(square, ring, w, h), 3);

        for (var i = 0; i < ring.Length; i++) ring[i] &= i % w < 30; // only the left half of the ring is left
        Assert.InRange(OutlineSupport.Fraction(square, ring, w, h), 0.45, 0.62);
    }

    /// <summary>Fraction of the true patch's cells inside the mask, and mask cells outside it per patch cell.</summary>
    private static (double Covered, double Spill) Compare(PatchMask mask)
    {
        var truth = LeakedOutlinePhoto.Corners().Select(p => ((p.X + 0.5) / Factor - 0.5, (p.Y + 0.5) / Factor - 0.5)).ToList();
        var truthMask = ConvexHull.Rasterise(ConvexHull.Compute(truth), mask.Width, mask.Height);
        var area = truthMask.Count(t => t);
        var covered = Enumerable.Range(0, truthMask.Length).Count(i => truthMask[i] && mask.Mask[i]);
        var spill = Enumerable.Range(0, truthMask.Length).Count(i => !truthMask[i] && mask.Mask[i]);
        return (covered / (double)area, spill / (double)area);
    }

    private static bool[] Rectangle(int w, int h, int x0, int y0, int x1, int y1, bool filledInside)
    {
        var mask = new bool[w * h];
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                mask[y * w + x] = filledInside || x < x0 + 2 || y < y0 + 2 || x >= x1 - 2 || y >= y1 - 2;
        return mask;
    }

    private static double DistanceToPolygon((double X, double Y) p, IReadOnlyList<(double X, double Y)> polygon)
    {
        var best = double.MaxValue;
        for (var i = 0; i < polygon.Count; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
            double dx = b.X - a.X, dy = b.Y - a.Y, length2 = Math.Max(dx * dx + dy * dy, 1e-12);
            var t = Math.Clamp(((p.X - a.X) * dx + (p.Y - a.Y) * dy) / length2, 0, 1);
            best = Math.Min(best, Math.Sqrt(Math.Pow(a.X + t * dx - p.X, 2) + Math.Pow(a.Y + t * dy - p.Y, 2)));
        }
        return best;
    }
}
