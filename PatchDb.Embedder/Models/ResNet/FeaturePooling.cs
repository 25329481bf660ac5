namespace PatchDb.Embedder.Models.ResNet;

/// <summary>Global descriptors from a channel-major feature map (channels × cells), L2-normalised.</summary>
public static class FeaturePooling
{
    /// <summary>Maximum activation per channel (MAC): where in the photo a pattern appears does not matter.</summary>
    public static float[] Max(float[] map, int channels)
    {
        var cells = map.Length / channels;
        var result = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            result[c] = map.AsSpan(c * cells, cells).ToArray().Max();
        }
        return Normalise(result);
    }

    /// <summary>Generalised mean per channel (GeM, power <paramref name="p"/>): between average (1) and max (∞).</summary>
    public static float[] GeneralisedMean(float[] map, int channels, double p)
    {
        var cells = map.Length / channels;
        var result = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            double sum = 0;
            foreach (var v in map.AsSpan(c * cells, cells))
            {
                sum += Math.Pow(Math.Max(v, 0), p);
            }
            result[c] = (float)Math.Pow(sum / cells, 1 / p);
        }
        return Normalise(result);
    }

    public static float[] Normalise(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm <= 1e-12f)
        {
            return v;
        }
        for (var i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }
        return v;
    }
}
