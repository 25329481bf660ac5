namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// A photo's bag of visual words from its own local features, for the Api's shortlist (model id
/// <see cref="ModelId"/>; never a decision alone): it does not depend on finding the patch, and it votes with the same
/// descriptors verification will match. No vocabulary can be trained here without the benchmark photos, so the words
/// come from SIFT's own layout: a descriptor is 4 × 4 cells of 8 orientation bins, and its word is the dominant
/// orientation of each 2 × 2-cell quadrant (8⁴ = 4,096 words). A descriptor also votes, weighed by how close the call
/// was, for the word its least certain quadrant's runner-up gives. Words are hashed with a sign into
/// <see cref="Dimensions"/> bins, square-rooted (one repeated texture must not outvote the rest) and L2-normalised,
/// so a cosine counts the words two photos share.
/// </summary>
public static class VisualWords
{
    public const string ModelId = "sift-words-v1";
    public const int Dimensions = 2048;
    private const int Orientations = 8;

    public static float[] Embed(LocalFeatureSet features)
    {
        var histogram = new float[Dimensions];
        for (var k = 0; k < features.Count; k++)
        {
            var (word, alternative, weight) = WordOf(features.Descriptors.AsSpan(k * LocalFeatureSet.DescriptorLength, LocalFeatureSet.DescriptorLength));
            Vote(histogram, word, 1);
            if (weight > 0)
            {
                Vote(histogram, alternative, weight);
            }
        }

        double norm = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            histogram[i] = MathF.CopySign(MathF.Sqrt(MathF.Abs(histogram[i])), histogram[i]);
            norm += histogram[i] * histogram[i];
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < histogram.Length; i++)
            {
                histogram[i] *= scale;
            }
        }

        return histogram;
    }

    /// <summary>The descriptor's word (base-8 digits: quadrants top-left, top-right, bottom-left, bottom-right), the
    /// word with its least certain quadrant's runner-up orientation, and that runner-up's share of the winner's energy
    /// (0 for an empty descriptor).</summary>
    internal static (int Word, int Alternative, float Weight) WordOf(ReadOnlySpan<byte> descriptor)
    {
        Span<int> energy = stackalloc int[Orientations];
        int word = 0, weakest = 0, runnerUp = 0;
        var weight = 0f;
        for (var quadrant = 0; quadrant < 4; quadrant++)
        {
            energy.Clear();
            var (row0, col0) = (2 * (quadrant / 2), 2 * (quadrant % 2));
            for (var cell = 0; cell < 4; cell++)
            {
                var offset = ((row0 + cell / 2) * 4 + col0 + cell % 2) * Orientations;
                for (var o = 0; o < Orientations; o++)
                {
                    // RootSIFT holds square roots: squaring gives back the gradient energy the bins summed.
                    energy[o] += descriptor[offset + o] * descriptor[offset + o];
                }
            }

            var (best, second) = TopTwo(energy);
            word = word * Orientations + best;
            var share = energy[best] > 0 ? energy[second] / (float)energy[best] : 0;
            if (share > weight)
            {
                (weight, weakest, runnerUp) = (share, quadrant, second);
            }
        }

        if (weight == 0)
        {
            return (word, word, 0);
        }

        var shift = 3 * (3 - weakest);
        return (word, (word & ~(7 << shift)) | (runnerUp << shift), weight);
    }

    private static (int Best, int Second) TopTwo(ReadOnlySpan<int> energy)
    {
        int best = 0, second = 1;
        if (energy[1] > energy[0])
        {
            (best, second) = (1, 0);
        }

        for (var o = 2; o < energy.Length; o++)
        {
            if (energy[o] > energy[best])
            {
                (best, second) = (o, best);
            }
            else if (energy[o] > energy[second])
            {
                second = o;
            }
        }

        return (best, second);
    }

    private static void Vote(float[] histogram, int word, float weight)
    {
        // Knuth's multiplicative hash; its low bit gives the sign, so colliding words tend to cancel, not add up.
        var hash = (uint)word * 2654435761u;
        histogram[(hash >> 8) % Dimensions] += (hash & 1) == 0 ? weight : -weight;
    }
}
