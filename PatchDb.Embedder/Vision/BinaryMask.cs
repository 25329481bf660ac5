namespace PatchDb.Embedder.Vision;

/// <summary>Morphology and connected components on row-major boolean masks.</summary>
public static class BinaryMask
{
    /// <summary>Erosion (<paramref name="keepIfAll"/> = true) or dilation with a (2r+1)² square, separably.</summary>
    public static bool[] Morph(bool[] mask, int width, int height, int radius, bool keepIfAll)
    {
        var tmp = new bool[mask.Length];
        var result = new bool[mask.Length];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                tmp[y * width + x] = Window(mask, y * width, x, width, 1, radius, keepIfAll);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                result[y * width + x] = Window(tmp, x, y, height, width, radius, keepIfAll);
        return result;
    }

    private static bool Window(bool[] m, int start, int pos, int length, int step, int radius, bool all)
    {
        for (var d = -radius; d <= radius; d++)
        {
            var p = Math.Clamp(pos + d, 0, length - 1);
            if (m[start + p * step] != all) return !all;
        }
        return all;
    }

    /// <summary>The (x, y) of every set cell, row by row.</summary>
    public static List<(double X, double Y)> Points(bool[] mask, int width, int height)
    {
        var points = new List<(double X, double Y)>();
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if (mask[y * width + x]) points.Add((x, y));
        return points;
    }

    public static bool[] Open(bool[] mask, int width, int height, int radius) =>
        Morph(Morph(mask, width, height, radius, true), width, height, radius, false);

    /// <summary>The largest 4-connected component (all false when the mask is empty).</summary>
    public static bool[] LargestComponent(bool[] mask, int width, int height)
    {
        var label = new int[mask.Length];
        var queue = new int[mask.Length];
        int best = 0, bestSize = 0, next = 0;
        for (var start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || label[start] != 0) continue;
            next++;
            var size = Flood(mask, label, queue, width, height, start, next, true);
            if (size > bestSize) (best, bestSize) = (next, size);
        }
        var result = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++) result[i] = best != 0 && label[i] == best;
        return result;
    }

    /// <summary>Sets every false pixel that is not connected to the image border to true.</summary>
    public static bool[] FillHoles(bool[] mask, int width, int height)
    {
        var label = new int[mask.Length];
        var queue = new int[mask.Length];
        for (var x = 0; x < width; x++)
        {
            Seed(x);
            Seed((height - 1) * width + x);
        }
        for (var y = 0; y < height; y++)
        {
            Seed(y * width);
            Seed(y * width + width - 1);
        }
        var result = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++) result[i] = mask[i] || label[i] == 0;
        return result;

        void Seed(int i)
        {
            if (!mask[i] && label[i] == 0) Flood(mask, label, queue, width, height, i, 1, false);
        }
    }

    private static int Flood(bool[] mask, int[] label, int[] queue, int width, int height, int start, int id, bool value)
    {
        int head = 0, tail = 0;
        queue[tail++] = start;
        label[start] = id;
        while (head < tail)
        {
            var i = queue[head++];
            int x = i % width, y = i / width;
            if (x > 0) Visit(i - 1);
            if (x < width - 1) Visit(i + 1);
            if (y > 0) Visit(i - width);
            if (y < height - 1) Visit(i + width);
        }
        return tail;

        void Visit(int j)
        {
            if (mask[j] == value && label[j] == 0)
            {
                label[j] = id;
                queue[tail++] = j;
            }
        }
    }

    /// <summary>Labels 4-connected components (1..count, 0 = background).</summary>
    public static int[] Label(bool[] mask, int width, int height, out int count)
    {
        var label = new int[mask.Length];
        var queue = new int[mask.Length];
        count = 0;
        for (var start = 0; start < mask.Length; start++)
        {
            if (mask[start] && label[start] == 0) Flood(mask, label, queue, width, height, start, ++count, true);
        }
        return label;
    }

    /// <summary>
    /// Removes protrusions thinner than 2r+1 px (an occluding finger entering the patch) while keeping corners: opens
    /// the mask, keeps the largest remaining core, then grows the core back by r px inside the original mask.
    /// </summary>
    public static bool[] RemoveThinParts(bool[] mask, int width, int height, int radius)
    {
        var core = LargestComponent(Open(mask, width, height, radius), width, height);
        if (!core.Contains(true)) return mask;
        var grown = Morph(core, width, height, radius + 1, false);
        var result = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++) result[i] = mask[i] && grown[i];
        return result;
    }
}

