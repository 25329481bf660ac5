using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Imaging.Interop;

/// <summary>One owned reference to a VipsImage; pixels are computed lazily when written out.</summary>
internal sealed class VipsImage : SafeHandle
{
    public VipsImage(nint handle) : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    public nint Pointer => handle;

    public int Width => VipsNative.vips_image_get_width(handle);

    public int Height => VipsNative.vips_image_get_height(handle);

    public int Bands => VipsNative.vips_image_get_bands(handle);

    /// <summary>VipsBandFormat: 0 = uchar.</summary>
    public int BandFormat => VipsNative.vips_image_get_format(handle);

    /// <summary>VipsInterpretation: 22 = sRGB.</summary>
    public int Interpretation => VipsNative.vips_image_get_interpretation(handle);

    public bool HasAlpha => VipsNative.vips_image_hasalpha(handle);

    /// <summary>Reads an int field, or null when absent (checked first: a failed read leaves text in the error buffer).</summary>
    public int? GetInt(string name) =>
        VipsNative.vips_image_get_typeof(handle, name) != 0 && VipsNative.vips_image_get_int(handle, name, out var value) == 0
            ? value
            : null;

    public string? GetString(string name) =>
        VipsNative.vips_image_get_typeof(handle, name) != 0 && VipsNative.vips_image_get_string(handle, name, out var value) == 0
            ? Marshal.PtrToStringUTF8(value)
            : null;

    /// <summary>Computes the pixels and copies them out, interleaved, band-format bytes.</summary>
    public byte[] ToArray()
    {
        var memory = VipsNative.vips_image_write_to_memory(handle, out var size);
        if (memory == 0)
        {
            throw new VipsException(VipsRuntime.ReadError());
        }

        try
        {
            var bytes = GC.AllocateUninitializedArray<byte>(checked((int)size));
            Marshal.Copy(memory, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            GLibNative.g_free(memory);
        }
    }

    /// <summary>Computes the pixels once into a new in-memory image, so several outputs don't each re-decode.</summary>
    public VipsImage CopyMemory()
    {
        var copy = VipsNative.vips_image_copy_memory(handle);
        return copy == 0 ? throw new VipsException(VipsRuntime.ReadError()) : new VipsImage(copy);
    }

    protected override bool ReleaseHandle()
    {
        GLibNative.g_object_unref(handle);
        return true;
    }
}
