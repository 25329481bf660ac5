using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace PatchDb.Tests.Web;

/// <summary>
/// bUnit 2 was built against AngleSharp.Diffing 1.x; the package mirror only has 0.17.0 (see the csproj). The
/// runtime refuses a lower version on its own, so this hands it the 0.17.0 assembly that sits beside the tests.
/// </summary>
internal static class BunitAssemblies
{
    [ModuleInitializer]
    internal static void BindAngleSharpDiffing() =>
        AssemblyLoadContext.Default.Resolving += (context, name) => name.Name == "AngleSharp.Diffing"
            ? context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "AngleSharp.Diffing.dll"))
            : null;
}
