using System.Buffers.Binary;
using System.Text;

namespace PatchDb.Tests.Api;

/// <summary>A real photo with an EXIF block (camera make and a GPS position) spliced in after the JPEG start marker,
/// like a phone writes it.</summary>
internal static class ExifJpeg
{
    public const string Make = "PatchDbTestCam";

    public static byte[] WithGps(byte[] jpeg)
    {
        Assert.True(jpeg[0] == 0xFF && jpeg[1] == 0xD8, "not a JPEG");
        var tiff = Tiff();
        var app1 = new byte[4 + 6 + tiff.Length];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        Encoding.ASCII.GetBytes("Exif\0\0").CopyTo(app1, 4);
        tiff.CopyTo(app1, 10);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>Whether the bytes carry EXIF, XMP or a GPS/camera trace in any container (JPEG APP1, WebP chunks).</summary>
    public static bool HasMetadata(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        return text.Contains("Exif\0\0", StringComparison.Ordinal) || text.Contains("EXIF", StringComparison.Ordinal)
            || text.Contains("XMP ", StringComparison.Ordinal) || text.Contains("x:xmpmeta", StringComparison.Ordinal)
            || text.Contains(Make, StringComparison.Ordinal);
    }

    // Little-endian TIFF: IFD0 { Make, GPSInfo -> GPS IFD { LatitudeRef "N", Latitude 48/1 51/1 24/1 } }.
    private static byte[] Tiff()
    {
        var make = Encoding.ASCII.GetBytes(Make + "\0");
        const int ifd0 = 8, ifd0Size = 2 + 2 * 12 + 4;
        var makeAt = ifd0 + ifd0Size;
        var gpsAt = makeAt + make.Length + (make.Length % 2);
        const int gpsSize = 2 + 2 * 12 + 4;
        var latitudeAt = gpsAt + gpsSize;
        var buffer = new byte[latitudeAt + 24];
        var span = buffer.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], ifd0);
        BinaryPrimitives.WriteUInt16LittleEndian(span[ifd0..], 2);
        Entry(span[(ifd0 + 2)..], 0x010F, 2, (uint)make.Length, (uint)makeAt);
        Entry(span[(ifd0 + 14)..], 0x8825, 4, 1, (uint)gpsAt);
        make.CopyTo(span[makeAt..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[gpsAt..], 2);
        Entry(span[(gpsAt + 2)..], 0x0001, 2, 2, 'N');
        Entry(span[(gpsAt + 14)..], 0x0002, 5, 3, (uint)latitudeAt);
        uint[] rationals = [48, 1, 51, 1, 24, 1];
        for (var i = 0; i < rationals.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(latitudeAt + 4 * i)..], rationals[i]);
        }
        return buffer;
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
    }
}
