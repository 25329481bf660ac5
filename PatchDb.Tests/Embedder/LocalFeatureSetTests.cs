using System.Buffers.Binary;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Tests.Embedder;

public sealed class LocalFeatureSetTests
{
    private static LocalFeatureSet Sample(int count)
    {
        var random = new Random(count);
        var xy = Enumerable.Range(0, 2 * count).Select(_ => (float)(random.NextDouble() * 500)).ToArray();
        var descriptors = new byte[128 * count];
        random.NextBytes(descriptors);
        return new LocalFeatureSet(640, 480, xy, descriptors);
    }

    [Fact]
    public void The_blob_has_the_documented_layout_and_round_trips()
    {
        var features = Sample(3);

        var blob = features.Encode();

        Assert.Equal(20 + 3 * 8 + 3 * 128, blob.Length);
        Assert.Equal("PDLF"u8.ToArray(), blob[..4]);
        Assert.Equal(new byte[] { 1, 0, 0, 0 }, blob[4..8]);
        Assert.Equal((3, 640, 480), (BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(8)),
            BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(12)), BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(16))));
        Assert.Equal(features.Xy[1], BinaryPrimitives.ReadSingleLittleEndian(blob.AsSpan(24)));
        Assert.Equal(features.Descriptors, blob[44..]);
        var decoded = LocalFeatureSet.Decode(blob);
        Assert.Equal((features.Width, features.Height), (decoded.Width, decoded.Height));
        Assert.Equal(features.Xy, decoded.Xy);
        Assert.Equal(features.Descriptors, decoded.Descriptors);
    }

    [Fact]
    public void An_empty_set_round_trips()
    {
        var decoded = LocalFeatureSet.Decode(new LocalFeatureSet(10, 20, [], []).Encode());

        Assert.Equal((0, 10, 20), (decoded.Count, decoded.Width, decoded.Height));
    }

    [Theory]
    [InlineData("magic")]
    [InlineData("version")]
    [InlineData("truncated")]
    [InlineData("extra")]
    [InlineData("too-many")]
    [InlineData("negative-count")]
    [InlineData("zero-width")]
    [InlineData("nan")]
    [InlineData("short-header")]
    public void Malformed_blobs_are_rejected(string damage)
    {
        var blob = Sample(2).Encode();
        blob = damage switch
        {
            "magic" => [.. "PDLX"u8, .. blob[4..]],
            "version" => [.. blob[..4], 2, .. blob[5..]],
            "truncated" => blob[..^1],
            "extra" => [.. blob, 0],
            "too-many" => WithInt(blob, 8, 4097),
            "negative-count" => WithInt(blob, 8, -1),
            "zero-width" => WithInt(blob, 12, 0),
            "nan" => WithFloat(blob, 20, float.NaN),
            _ => blob[..12],
        };

        Assert.Throws<LocalFeatureFormatException>(() => LocalFeatureSet.Decode(blob));
    }

    [Fact]
    public void A_blob_claiming_more_than_4096_features_is_rejected_even_with_matching_length()
    {
        var blob = new LocalFeatureSet(1, 1, new float[2 * 4097], new byte[128 * 4097]).Encode();

        Assert.Throws<LocalFeatureFormatException>(() => LocalFeatureSet.Decode(blob));
    }

    private static byte[] WithInt(byte[] blob, int offset, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(offset), value);
        return blob;
    }

    private static byte[] WithFloat(byte[] blob, int offset, float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(blob.AsSpan(offset), value);
        return blob;
    }
}
