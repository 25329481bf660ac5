namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// RootSIFT (Arandjelović &amp; Zisserman): L1-normalise then square-root, so L2 distance compares like the Hellinger
/// kernel, which matches better than raw SIFT. Components end in [0, 1] with unit L2 norm; ×512 keeps the typical
/// values (&lt; 0.5) distinguishable in a byte.
/// </summary>
internal static class RootSift
{
    private const double Scale = 512.0;

    public static byte[] Quantise(ReadOnlySpan<float> sift, int count)
    {
        const int dims = LocalFeatureSet.DescriptorLength;
        var bytes = new byte[count * dims];
        for (var i = 0; i < count; i++)
        {
            var d = sift.Slice(i * dims, dims);
            double l1 = 0;
            foreach (var v in d)
            {
                l1 += Math.Abs(v);
            }

            var norm = l1 > 0 ? 1.0 / l1 : 0.0;
            for (var k = 0; k < dims; k++)
            {
                var v = Math.Sqrt(Math.Abs(d[k]) * norm) * Scale;
                bytes[i * dims + k] = (byte)Math.Min(255.0, Math.Round(v, MidpointRounding.AwayFromZero));
            }
        }

        return bytes;
    }
}
