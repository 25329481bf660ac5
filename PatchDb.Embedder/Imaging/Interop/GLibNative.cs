using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Imaging.Interop;

/// <summary>The few GLib/GObject entry points the libvips operation API needs.</summary>
internal static partial class GLibNative
{
    private const string GLib = "libglib-2.0.so.0";
    private const string GObject = "libgobject-2.0.so.0";

    public const nuint GTypeString = 64;

    [LibraryImport(GLib)]
    public static partial void g_free(nint memory);

    // .NET's Environment.SetEnvironmentVariable does not touch the native environment on Unix.
    [LibraryImport(GLib, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool g_setenv(string name, string value, [MarshalAs(UnmanagedType.I4)] bool overwrite);

    [LibraryImport(GObject)]
    public static partial nint g_value_init(ref GValue value, nuint gType);

    [LibraryImport(GObject)]
    public static partial void g_value_unset(ref GValue value);

    [LibraryImport(GObject)]
    public static partial void g_value_set_object(ref GValue value, nint gObject);

    [LibraryImport(GObject)]
    public static partial nint g_value_get_object(ref GValue value);

    [LibraryImport(GObject)]
    public static partial void g_value_set_boxed(ref GValue value, nint boxed);

    [LibraryImport(GObject)]
    public static partial nint g_value_get_boxed(ref GValue value);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void g_value_set_string(ref GValue value, string text);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void g_object_set_property(nint gObject, string propertyName, ref GValue value);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void g_object_get_property(nint gObject, string propertyName, ref GValue value);

    [LibraryImport(GObject)]
    public static partial nint g_object_ref(nint gObject);

    [LibraryImport(GObject)]
    public static partial void g_object_unref(nint gObject);
}
