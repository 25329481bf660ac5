using System.Buffers.Binary;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Keypoints of one image: positions (x0, y0, x1, y1, …) in pixels of a <paramref name="Width"/>×<paramref name="Height"/>
/// image and one 128-byte quantised RootSIFT descriptor per point, plus the photo's <see cref="ChromaGrid"/> when
/// known. <see cref="Encode"/> gives the "PDLF" blob: "PDLF", version byte, grid size byte G (0 in v1), 2 zero bytes,
/// int32 LE count N, int32 LE width, int32 LE height, N × (float32 LE x, y), N × 128 descriptor bytes, and in v2 the
/// G × G × 2 grid bytes. Version 1 blobs (stored before the grid existed) still decode, without a grid.
/// </summary>
public sealed record LocalFeatureSet(int Width, int Height, float[] Xy, byte[] Descriptors, ChromaGrid? Chroma = null)
{
    public const int DescriptorLength = 128;
    public const int MaxCount = 4096;
    public const byte Version = 2;
    private const byte VersionWithoutGrid = 1;
    private const int HeaderLength = 20;
    private static ReadOnlySpan<byte> Magic => "PDLF"u8;

    public int Count => Xy.Length / 2;

    public static int EncodedLength(int count, int gridSize = 0) => HeaderLength + count * (8 + DescriptorLength) + 2 * gridSize * gridSize;

    public byte[] Encode()
    {
        var grid = Chroma?.Size ?? 0;
        var blob = new byte[EncodedLength(Count, grid)];
        Magic.CopyTo(blob);
        blob[4] = Chroma is null ? VersionWithoutGrid : Version;
        blob[5] = (byte)grid;
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(8), Count);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(12), Width);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(16), Height);
        for (var i = 0; i < Xy.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(blob.AsSpan(HeaderLength + 4 * i), Xy[i]);
        }

        Descriptors.CopyTo(blob, HeaderLength + 4 * Xy.Length);
        Chroma?.Cells.CopyTo(blob, HeaderLength + 4 * Xy.Length + Descriptors.Length);
        return blob;
    }

    /// <summary>The feature count in a PDLF blob's header, without decoding the rest; null when there is no header.</summary>
    public static int? CountOf(ReadOnlySpan<byte> blob) =>
        blob.Length >= HeaderLength && blob[..4].SequenceEqual(Magic) ? BinaryPrimitives.ReadInt32LittleEndian(blob[8..]) : null;

    /// <exception cref="LocalFeatureFormatException">The blob is not a well-formed PDLF v1 or v2 blob.</exception>
    public static LocalFeatureSet Decode(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderLength || !blob[..4].SequenceEqual(Magic))
        {
            throw new LocalFeatureFormatException("Not a PDLF blob (the first 4 bytes must be \"PDLF\").");
        }

        if (blob[4] is not (VersionWithoutGrid or Version) || blob[6] != 0 || blob[7] != 0)
        {
            throw new LocalFeatureFormatException($"Unsupported PDLF version {blob[4]} (only {VersionWithoutGrid} and {Version} are known).");
        }

        var grid = blob[5];
        if ((blob[4] == VersionWithoutGrid) != (grid == 0))
        {
            throw new LocalFeatureFormatException($"A PDLF v{blob[4]} blob cannot have a chroma grid of size {grid}.");
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

        if (blob.Length != EncodedLength(count, grid))
        {
            throw new LocalFeatureFormatException(
                $"A PDLF blob of {count} features is {EncodedLength(count, grid)} bytes, not {blob.Length}.");
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

        var descriptors = HeaderLength + 4 * xy.Length;
        var cells = descriptors + count * DescriptorLength;
        return new LocalFeatureSet(width, height, xy, blob[descriptors..cells].ToArray(),
            grid == 0 ? null : new ChromaGrid(grid, blob[cells..].ToArray()));
    }
}
