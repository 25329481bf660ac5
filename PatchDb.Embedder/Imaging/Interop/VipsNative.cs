using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Imaging.Interop;

/// <summary>libvips entry points, all non-variadic: options go through GObject properties or
/// vips_object_set_from_string.</summary>
internal static partial class VipsNative
{
    private const string Vips = "libvips.so.42";

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_init(string argv0);

    [LibraryImport(Vips)]
    public static partial void vips_cache_set_max(int max);

    [LibraryImport(Vips)]
    public static partial void vips_block_untrusted_set([MarshalAs(UnmanagedType.I4)] bool state);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void vips_operation_block_set(string name, [MarshalAs(UnmanagedType.I4)] bool state);

    [LibraryImport(Vips)]
    public static partial nint vips_error_buffer();

    [LibraryImport(Vips)]
    public static partial void vips_error_clear();

    [LibraryImport(Vips)]
    public static partial nint vips_foreign_find_load_buffer(nint data, nuint size);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint vips_operation_new(string name);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_object_set_from_string(nint vipsObject, string options);

    [LibraryImport(Vips)]
    public static partial nint vips_cache_operation_build(nint operation);

    [LibraryImport(Vips)]
    public static partial void vips_object_unref_outputs(nint vipsObject);

    [LibraryImport(Vips)]
    public static partial nuint vips_image_get_type();

    [LibraryImport(Vips)]
    public static partial nuint vips_blob_get_type();

    [LibraryImport(Vips)]
    public static partial nint vips_blob_copy(nint data, nuint length);

    [LibraryImport(Vips)]
    public static partial void vips_area_unref(nint area);

    [LibraryImport(Vips)]
    public static partial nint vips_area_get_data(nint area, out nuint length, out int n, out nuint type, out nuint sizeofType);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_width(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_height(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_bands(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_format(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_interpretation(nint image);

    [LibraryImport(Vips)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool vips_image_hasalpha(nint image);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nuint vips_image_get_typeof(nint image, string name);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_image_get_int(nint image, string name, out int value);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_image_get_string(nint image, string name, out nint value);

    [LibraryImport(Vips)]
    public static partial nint vips_image_copy_memory(nint image);

    [LibraryImport(Vips)]
    public static partial nint vips_image_write_to_memory(nint image, out nuint size);
}
