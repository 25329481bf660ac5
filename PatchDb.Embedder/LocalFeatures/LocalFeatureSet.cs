using System.Buffers.Binary;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Keypoints of one image: positions (x0, y0, x1, y1, …) in pixels of a <paramref name="Width"/>×<paramref name="Height"/>
/// image and one 128-byte quantised RootSIFT descriptor per point. <see cref="Encode"/> gives the "PDLF" v1 blob:
/// "PDLF", version byte 1, 3 zero bytes, int32 LE count N, int32 LE width, int32 LE height, N × (float32 LE x, y),
/// N × 128 descriptor bytes.
/// </summary>
public sealed record LocalFeatureSet(int Width, int Height, float[] Xy, byte[] Descriptors)
{
    public const int DescriptorLength = 128;
    public const int MaxCount = 4096;
    public const byte Version = 1;
    private const int HeaderLength = 20;
    private static ReadOnlySpan<byte> Magic => "PDLF"u8;

    public int Count => Xy.Length / 2;

    public static int EncodedLength(int count) => HeaderLength + count * (8 + DescriptorLength);

    public byte[] Encode()
    {
        var blob = new byte[EncodedLength(Count)];
        Magic.CopyTo(blob);
        blob[4] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(8), Count);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(12), Width);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(16), Height);
        for (var i = 0; i < Xy.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(blob.AsSpan(HeaderLength + 4 * i), Xy[i]);
        }

        Descriptors.CopyTo(blob, HeaderLength + 4 * Xy.Length);
        return blob;
    }

    /// <exception cref="LocalFeatureFormatException">The blob is not a well-formed PDLF v1 blob.</exception>
    public static LocalFeatureSet Decode(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderLength || !blob[..4].SequenceEqual(Magic))
        {
            throw new LocalFeatureFormatException("Not a PDLF blob (the first 4 bytes must be \"PDLF\").");
        }

        if (blob[4] != Version || blob[5] != 0 || blob[6] != 0 || blob[7] != 0)
        {
            throw new LocalFeatureFormatException($"Unsupported PDLF version {blob[4]} (only {Version} is known).");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(blob[8..]);
        var width = BinaryPrimitives.ReadInt32LittleEndian(blob[12..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(blob[16..]);
        if (count is < 0 or > MaxCount)
        {
            throw new LocalFeatureFormatException($"A PDLF blob holds 0–{MaxCount} features, not {count}.");
        }

        if (width <= 0 || height <= 0)
        {
            throw new LocalFeatureFormatException($"Image size {width}×{height} in the PDLF header is not positive.");
        }

        if (blob.Length != EncodedLength(count))
        {
            throw new LocalFeatureFormatException(
                $"A PDLF blob of {count} features is {EncodedLength(count)} bytes, not {blob.Length}.");
        }

        var xy = new float[2 * count];
        for (var i = 0; i < xy.Length; i++)
        {
            xy[i] = BinaryPrimitives.ReadSingleLittleEndian(blob[(HeaderLength + 4 * i)..]);
            if (!float.IsFinite(xy[i]))
            {
                throw new LocalFeatureFormatException($"Keypoint coordinate {i} is not a finite number.");
            }
        }

        return new LocalFeatureSet(width, height, xy, blob[(HeaderLength + 4 * xy.Length)..].ToArray());
    }
}
