using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Imaging.Interop;

/// <summary>GLib's GValue: a GType followed by two 64-bit data words (24 bytes). Must be zeroed before g_value_init.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GValue
{
    public nuint GType;
    public ulong Data0;
    public ulong Data1;
}
