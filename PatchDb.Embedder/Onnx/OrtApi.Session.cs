using System.Runtime.InteropServices;
using System.Text;

namespace PatchDb.Embedder.Onnx;

/// <summary>Environment, session options and session functions of the OrtApi table.</summary>
internal sealed unsafe partial class OrtApi
{
    public nint CreateEnv(int logLevel, string logId)
    {
        var id = Encoding.UTF8.GetBytes(logId + "\0");
        nint env;
        fixed (byte* idPtr = id)
        {
            Check(((delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)Slot(3))(logLevel, idPtr, &env));
        }

        return env;
    }

    public nint CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Slot(10))(&options));
        return options;
    }

    public void SetExecutionMode(nint options, int mode) => Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(13))(options, mode));

    public void SetGraphOptimizationLevel(nint options, int level) => Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(23))(options, level));

    public void SetIntraOpNumThreads(nint options, int threads) => Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(24))(options, threads));

    public void SetInterOpNumThreads(nint options, int threads) => Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(25))(options, threads));

    /// <summary>CreateSession takes an ORTCHAR_T path: UTF-16 on Windows, UTF-8 elsewhere.</summary>
    public nint CreateSession(nint env, string path, nint options)
    {
        var bytes = OperatingSystem.IsWindows() ? Encoding.Unicode.GetBytes(path + "\0") : Encoding.UTF8.GetBytes(path + "\0");
        nint session;
        fixed (byte* pathPtr = bytes)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)Slot(7))(env, pathPtr, options, &session));
        }

        return session;
    }

    public int SessionGetInputCount(nint session) => (int)Call(30, session);

    public int SessionGetOutputCount(nint session) => (int)Call(31, session);

    public nint SessionGetInputTypeInfo(nint session, int index) => GetIndexed(33, session, index);

    public nint SessionGetOutputTypeInfo(nint session, int index) => GetIndexed(34, session, index);

    public string SessionGetInputName(nint session, int index) => GetName(36, session, index);

    public string SessionGetOutputName(nint session, int index) => GetName(37, session, index);

    private nint GetIndexed(int slot, nint session, int index)
    {
        nint result;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Slot(slot))(session, (nuint)index, &result));
        return result;
    }

    private string GetName(int slot, nint session, int index)
    {
        var allocator = GetAllocatorWithDefaultOptions();
        nint name;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint>)Slot(slot))(session, (nuint)index, allocator, &name));
        try
        {
            return Marshal.PtrToStringUTF8(name) ?? "";
        }
        finally
        {
            Check(((delegate* unmanaged[Cdecl]<nint, nint, nint>)Slot(76))(allocator, name));
        }
    }

    /// <summary>The default CPU allocator is owned by ORT and never released.</summary>
    public nint GetAllocatorWithDefaultOptions()
    {
        nint allocator;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Slot(78))(&allocator));
        return allocator;
    }

    public void Run(nint session, nint* inputNames, nint* inputs, int inputCount, nint* outputNames, int outputCount, nint* outputs) =>
        Check(((delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)Slot(9))(
            session, 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs));
}
