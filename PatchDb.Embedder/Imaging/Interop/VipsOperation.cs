using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Imaging.Interop;

/// <summary>
/// One libvips operation driven through GObject properties: create, set inputs, set scalar options from a string,
/// build through the (disabled) cache, read outputs, dispose.
/// </summary>
internal sealed class VipsOperation : IDisposable
{
    private nint _operation;

    private VipsOperation(nint operation) => _operation = operation;

    public static VipsOperation Create(string name)
    {
        VipsRuntime.EnsureStarted();
        var operation = VipsNative.vips_operation_new(name);
        return operation == 0 ? throw new VipsException($"{name}: {VipsRuntime.ReadError()}") : new VipsOperation(operation);
    }

    public VipsOperation Set(string property, VipsImage image)
    {
        var value = default(GValue);
        GLibNative.g_value_init(ref value, VipsNative.vips_image_get_type());
        GLibNative.g_value_set_object(ref value, image.Pointer);
        GLibNative.g_object_set_property(_operation, property, ref value);
        GLibNative.g_value_unset(ref value);
        return this;
    }

    /// <summary>Sets a blob input; libvips gets its own copy, so nothing managed needs to stay pinned.</summary>
    public unsafe VipsOperation Set(string property, ReadOnlySpan<byte> buffer)
    {
        nint blob;
        fixed (byte* data = buffer)
        {
            blob = VipsNative.vips_blob_copy((nint)data, (nuint)buffer.Length);
        }

        var value = default(GValue);
        GLibNative.g_value_init(ref value, VipsNative.vips_blob_get_type());
        GLibNative.g_value_set_boxed(ref value, blob);
        GLibNative.g_object_set_property(_operation, property, ref value);
        GLibNative.g_value_unset(ref value);
        VipsNative.vips_area_unref(blob);
        return this;
    }

    public VipsOperation Set(string property, string text)
    {
        var value = default(GValue);
        GLibNative.g_value_init(ref value, GLibNative.GTypeString);
        GLibNative.g_value_set_string(ref value, text);
        GLibNative.g_object_set_property(_operation, property, ref value);
        GLibNative.g_value_unset(ref value);
        return this;
    }

    /// <summary>Scalar and enum options, e.g. "width=224,height=224,size=down". Doubles must use '.' decimals.</summary>
    public VipsOperation Options(string options)
    {
        if (VipsNative.vips_object_set_from_string(_operation, options) != 0)
        {
            throw new VipsException($"options '{options}': {VipsRuntime.ReadError()}");
        }

        return this;
    }

    public VipsOperation Build()
    {
        var built = VipsNative.vips_cache_operation_build(_operation);
        if (built == 0)
        {
            throw new VipsException(VipsRuntime.ReadError());
        }

        // The cache hands back its own reference (possibly to an equivalent operation); drop ours.
        GLibNative.g_object_unref(_operation);
        _operation = built;
        return this;
    }

    public VipsImage GetImage(string property)
    {
        var value = default(GValue);
        GLibNative.g_value_init(ref value, VipsNative.vips_image_get_type());
        GLibNative.g_object_get_property(_operation, property, ref value);
        var image = GLibNative.g_object_ref(GLibNative.g_value_get_object(ref value));
        GLibNative.g_value_unset(ref value);
        return new VipsImage(image);
    }

    public byte[] GetBuffer(string property)
    {
        var value = default(GValue);
        GLibNative.g_value_init(ref value, VipsNative.vips_blob_get_type());
        GLibNative.g_object_get_property(_operation, property, ref value);
        try
        {
            var blob = GLibNative.g_value_get_boxed(ref value);
            var data = VipsNative.vips_area_get_data(blob, out var length, out _, out _, out _);
            var bytes = new byte[checked((int)length)];
            Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            GLibNative.g_value_unset(ref value);
        }
    }

    public void Dispose()
    {
        if (_operation != 0)
        {
            VipsNative.vips_object_unref_outputs(_operation);
            GLibNative.g_object_unref(_operation);
            _operation = 0;
        }
    }
}
