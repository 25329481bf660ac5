using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Exact two nearest neighbours, by squared L2 distance, of every query descriptor among a candidate's, on the quantised
/// bytes themselves: |q − c|² = |q|² + |c|² − 2 q·c in integers, two query descriptors against four candidate ones at
/// a time with AVX2's 16-bit multiply-add where the CPU has it. OpenCV's brute-force matcher computes the same
/// distances in floats, after dequantising every candidate again, and was most of an upload's verification time
/// (bench-stages compares the two). The ratio test is unchanged, quantisation being a uniform scale.
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
        // As 16-bit lanes, the multiply-add's input. Pooled: fresh 200 KB arrays per pair would churn the large-object heap.
        var q = Widen(query, queryCount);
        var c = Widen(candidate, candidateCount);
        try
        {
            return Search(q, queryCount, c, candidateCount);
        }
        finally
        {
            ArrayPool<short>.Shared.Return(q);
            ArrayPool<short>.Shared.Return(c);
        }
    }

    // Optimised from the first call: an Embedder's first verifications after a start would otherwise run these loops
    // as unoptimised tier-0 code, with the vector helpers not inlined.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Nearest, int[] First, int[] Second) Search(short[] q, int queryCount, short[] c, int candidateCount)
    {
        var qNorms = Norms(q, queryCount);
        var cNorms = Norms(c, candidateCount);
        var nearest = new int[queryCount];
        var first = new int[queryCount];
        var second = new int[queryCount];
        var dots = new int[candidateCount];
        var nextDots = new int[candidateCount];
        var i = 0;
        for (; Avx2.IsSupported && i + 2 <= queryCount; i += 2)
        {
            PairDots(q, i * Dims, c, candidateCount, dots, nextDots);
            Scan(qNorms[i], cNorms, dots, out nearest[i], out first[i], out second[i]);
            Scan(qNorms[i + 1], cNorms, nextDots, out nearest[i + 1], out first[i + 1], out second[i + 1]);
        }

        for (; i < queryCount; i++)
        {
            for (var j = 0; j < candidateCount; j++)
            {
                dots[j] = Dot(q, i * Dims, c, j * Dims);
            }

            Scan(qNorms[i], cNorms, dots, out nearest[i], out first[i], out second[i]);
        }

        return (nearest, first, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan(int qNorm, int[] cNorms, int[] dots, out int nearest, out int first, out int second)
    {
        // In locals, not in the arrays: the scan over a candidate's descriptors stays in registers.
        var (n, f, t) = (-1, int.MaxValue, int.MaxValue);
        for (var j = 0; j < cNorms.Length; j++)
        {
            var d = qNorm + cNorms[j] - 2 * dots[j];
            if (d < t)
            {
                (n, f, t) = d < f ? (j, d, f) : (n, f, d);
            }
        }

        (nearest, first, second) = (n, f, t);
    }

    /// <summary>dots[j] and nextDots[j]: the query rows at <paramref name="offset"/> and the one after it, each · candidate row j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PairDots(short[] q, int offset, short[] c, int count, int[] dots, int[] nextDots)
    {
        ref var x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(q), offset);
        ref var y = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(q), offset + Dims);
        var j = 0;
        for (; j + 4 <= count; j += 4)
        {
            ref var z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), j * Dims);
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default;
            Vector256<int> b0 = default, b1 = default, b2 = default, b3 = default;
            for (nuint k = 0; k < Dims; k += Lanes)
            {
                // Each candidate vector loaded once serves both query rows.
                var (u, v) = (Vector256.LoadUnsafe(ref x, k), Vector256.LoadUnsafe(ref y, k));
                var w = Vector256.LoadUnsafe(ref z, k);
                (a0, b0) = (Avx2.Add(a0, Avx2.MultiplyAddAdjacent(u, w)), Avx2.Add(b0, Avx2.MultiplyAddAdjacent(v, w)));
                w = Vector256.LoadUnsafe(ref z, k + Dims);
                (a1, b1) = (Avx2.Add(a1, Avx2.MultiplyAddAdjacent(u, w)), Avx2.Add(b1, Avx2.MultiplyAddAdjacent(v, w)));
                w = Vector256.LoadUnsafe(ref z, k + 2 * Dims);
                (a2, b2) = (Avx2.Add(a2, Avx2.MultiplyAddAdjacent(u, w)), Avx2.Add(b2, Avx2.MultiplyAddAdjacent(v, w)));
                w = Vector256.LoadUnsafe(ref z, k + 3 * Dims);
                (a3, b3) = (Avx2.Add(a3, Avx2.MultiplyAddAdjacent(u, w)), Avx2.Add(b3, Avx2.MultiplyAddAdjacent(v, w)));
            }

            Fold(a0, a1, a2, a3).StoreUnsafe(ref dots[j]);
            Fold(b0, b1, b2, b3).StoreUnsafe(ref nextDots[j]);
        }

        for (; j < count; j++)
        {
            dots[j] = Dot(q, offset, c, j * Dims);
            nextDots[j] = Dot(q, offset + Dims, c, j * Dims);
        }
    }

    // Three horizontal adds fold four 8-lane sums into [s0 s1 s2 s3 | s0' s1' s2' s3']; the halves add up to the four dots.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Fold(Vector256<int> s0, Vector256<int> s1, Vector256<int> s2, Vector256<int> s3)
    {
        var h = Avx2.HorizontalAdd(Avx2.HorizontalAdd(s0, s1), Avx2.HorizontalAdd(s2, s3));
        return Sse2.Add(h.GetLower(), h.GetUpper());
    }

    private static short[] Widen(byte[] bytes, int count)
    {
        var wide = ArrayPool<short>.Shared.Rent(count * Dims);
        for (var k = 0; k < count * Dims; k++)
        {
            wide[k] = bytes[k];
        }

        return wide;
    }

    private static int[] Norms(short[] values, int count)
    {
        var norms = new int[count];
        for (var i = 0; i < count; i++)
        {
            norms[i] = Dot(values, i * Dims, values, i * Dims);
        }

        return norms;
    }

    private static int Dot(short[] a, int aOffset, short[] b, int bOffset)
    {
        var total = 0;
        for (var k = 0; k < Dims; k++)
        {
            total += a[aOffset + k] * b[bOffset + k];
        }

        return total;
    }
}
