using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// Finds the patch in a photo from its edges. The patch is in focus with a crisp outline (and thread texture), while
/// what surrounds it is smooth shading, a heavily blurred print, or fine low-contrast fabric/wood texture. So: colour
/// gradient energy on a coarse grid, threshold against the photo border's own texture, keep the strongest connected
/// edge cluster, fill the closed outline, cut off thin protrusions (a finger entering the frame), take the convex hull.
/// When the outline did not close, <see cref="LeakedOutlineRepair"/> fits the patch's sides to the cluster instead.
/// Colour alone cannot do this: a white patch on a white table has no colour difference but still has an outline.
/// </summary>
public static class PatchSegmenter
{
    /// <summary>Edge threshold: this many times the median edge energy of the photo's border band...</summary>
    private const float BorderTextureFactor = 3;

    /// <summary>...and never below this (mean colour-gradient magnitude per pixel, channels 0..1).</summary>
    private const float EdgeFloor = 0.1f;

    /// <summary>Clusters with edges this many times sharper than the photo's median count this much more.</summary>
    private const double SharpnessCap = 4;

    /// <summary>Protrusions thinner than this fraction of the patch's size are cut off.</summary>
    private const double ThinPartFraction = 0.12;

    /// <summary>Segments <paramref name="fine"/> on a grid <paramref name="factor"/> times coarser.</summary>
    public static PatchMask Segment(PlanarImage fine, int factor)
    {
        var edges = fine.GradientEnergy(factor);
        int w = Math.Max(1, fine.Width / factor), h = Math.Max(1, fine.Height / factor);
        var border = Math.Max(2, Math.Min(w, h) / 32);
        var borderEdges = new List<float>();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (x < border || y < border || x >= w - border || y >= h - border) borderEdges.Add(edges[y * w + x]);
        borderEdges.Sort();
        var threshold = Math.Max(BorderTextureFactor * borderEdges[borderEdges.Count / 2], EdgeFloor);

        var edgeCells = new bool[w * h];
        for (var i = 0; i < edgeCells.Length; i++) edgeCells[i] = edges[i] > threshold;
        // One cell of dilation joins the outline's pieces so that it encloses the patch.
        var cluster = SharpestLargeComponent(BinaryMask.Morph(edgeCells, w, h, 1, false), edges, w, h);
        var filled = BinaryMask.FillHoles(cluster, w, h);
        var area = filled.Count(m => m);
        var mask = BinaryMask.RemoveThinParts(filled, w, h, Math.Max(1, (int)(ThinPartFraction * Math.Sqrt(area))));

        var points = BinaryMask.Points(mask, w, h);
        if (points.Count < 0.005 * w * h) return PatchMask.WholeImage(w, h);
        // An outline that did not close leaves a fill that is only part of the patch: fit its sides instead.
        var hull = LeakedOutlineRepair.Outline(cluster, filled, edgeCells, ConvexHull.Compute(points), w, h);
        return new PatchMask(w, h, ConvexHull.Rasterise(hull, w, h), hull, OutlineSupport.Fraction(hull, edgeCells, w, h));
    }

    /// <summary>The component with the largest area × (mean edge energy / the photo's median, capped).</summary>
    private static bool[] SharpestLargeComponent(bool[] mask, float[] edges, int w, int h)
    {
        var label = BinaryMask.Label(mask, w, h, out var count);
        var area = new double[count + 1];
        var sharp = new double[count + 1];
        for (var i = 0; i < label.Length; i++)
        {
            area[label[i]]++;
            sharp[label[i]] += edges[i];
        }
        var sorted = (float[])edges.Clone();
        Array.Sort(sorted);
        var typical = Math.Max(sorted[sorted.Length / 2], 1e-4f);
        var best = 0;
        double bestScore = 0;
        for (var k = 1; k <= count; k++)
        {
            var score = area[k] * Math.Min(sharp[k] / area[k] / typical, SharpnessCap);
            if (score > bestScore) (best, bestScore) = (k, score);
        }
        var result = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++) result[i] = best != 0 && label[i] == best;
        return result;
    }
}
