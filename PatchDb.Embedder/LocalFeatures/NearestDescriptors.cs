using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Exact two nearest neighbours, by squared L2 distance, of every query descriptor among a candidate's, on the quantised
/// bytes themselves: |q − c|² = |q|² + |c|² − 2 q·c in integers, four candidate descriptors at a time with AVX2's 16-bit
/// multiply-add where the CPU has it. OpenCV's brute-force matcher computes the same distances in floats, after
/// dequantising every candidate again, in nearly twice the time here (bench-stages), and it was most of an upload's
/// verification time. The ratio test is unchanged, quantisation being a uniform scale.
/// </summary>
internal static class NearestDescriptors
{
    private const int Dims = LocalFeatureSet.DescriptorLength;
    private const int Lanes = 16;

    /// <summary>Per query descriptor: index of the nearest candidate descriptor (-1 when there is none), its squared
    /// distance and the second-nearest's (int.MaxValue when missing).</summary>
    public static (int[] Nearest, int[] First, int[] Second) TwoNearest(byte[] query, int queryCount, byte[] candidate, int candidateCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Length, queryCount * Dims);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidate.Length, candidateCount * Dims);
        // The query as 16-bit lanes once (pooled: a fresh 200 KB array per pair would churn the large-object heap);
        // the candidate's bytes are widened as they are loaded.
        var q = ArrayPool<short>.Shared.Rent(queryCount * Dims);
        try
        {
            for (var k = 0; k < queryCount * Dims; k++)
            {
                q[k] = query[k];
            }

            return TwoNearest(q, queryCount, candidate, candidateCount);
        }
        finally
        {
            ArrayPool<short>.Shared.Return(q);
        }
    }

    private static (int[] Nearest, int[] First, int[] Second) TwoNearest(short[] q, int queryCount, byte[] c, int candidateCount)
    {
        var cNorms = new int[candidateCount];
        for (var j = 0; j < candidateCount; j++)
        {
            cNorms[j] = SquaredNorm(c, j * Dims);
        }

        var nearest = new int[queryCount];
        var first = new int[queryCount];
        var second = new int[queryCount];
        var dots = new int[candidateCount];
        for (var i = 0; i < queryCount; i++)
        {
            var offset = i * Dims;
            Dots(q, offset, c, candidateCount, dots);
            var qNorm = 0;
            for (var k = 0; k < Dims; k++)
            {
                qNorm += q[offset + k] * q[offset + k];
            }

            // In locals, not in the arrays: the scan over a candidate's descriptors stays in registers.
            var (n, f, t) = (-1, int.MaxValue, int.MaxValue);
            for (var j = 0; j < candidateCount; j++)
            {
                var d = qNorm + cNorms[j] - 2 * dots[j];
                if (d < t)
                {
                    (n, f, t) = d < f ? (j, d, f) : (n, f, d);
                }
            }

            (nearest[i], first[i], second[i]) = (n, f, t);
        }

        return (nearest, first, second);
    }

    /// <summary>dots[j] = the query row at <paramref name="offset"/> · candidate row j.</summary>
    private static void Dots(short[] q, int offset, byte[] c, int count, int[] dots)
    {
        var j = 0;
        if (Avx2.IsSupported)
        {
            for (; j + 4 <= count; j += 4)
            {
                // Three horizontal adds fold four 8-lane sums into one vector: [s0 s1 s2 s3 | s0' s1' s2' s3'].
                var h = Avx2.HorizontalAdd(
                    Avx2.HorizontalAdd(Partial(q, offset, c, j * Dims), Partial(q, offset, c, (j + 1) * Dims)),
                    Avx2.HorizontalAdd(Partial(q, offset, c, (j + 2) * Dims), Partial(q, offset, c, (j + 3) * Dims)));
                Sse2.Add(h.GetLower(), h.GetUpper()).StoreUnsafe(ref dots[j]);
            }
        }

        for (; j < count; j++)
        {
            dots[j] = Dot(q, offset, c, j * Dims);
        }
    }

    private static int Dot(short[] a, int aOffset, byte[] b, int bOffset)
    {
        if (Avx2.IsSupported)
        {
            return Vector256.Sum(Partial(a, aOffset, b, bOffset));
        }

        var total = 0;
        for (var k = 0; k < Dims; k++)
        {
            total += a[aOffset + k] * b[bOffset + k];
        }

        return total;
    }

    private static int SquaredNorm(byte[] a, int offset)
    {
        var total = 0;
        foreach (var v in a.AsSpan(offset, Dims))
        {
            total += v * v;
        }

        return total;
    }

    // Eight lanes of partial sums of one 128-dimensional dot product; the callers stay inside both arrays.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Partial(short[] a, int aOffset, byte[] b, int bOffset)
    {
        ref var x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), aOffset);
        ref var y = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), bOffset);
        var sum = Vector256<int>.Zero;
        for (nuint k = 0; k < Dims; k += Lanes)
        {
            var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref y, k));
            sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref x, k), wide));
        }

        return sum;
    }
}
