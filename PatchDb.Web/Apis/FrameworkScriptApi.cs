using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PatchDb.Web.Apis;

/// <summary>
/// Serves <c>_framework/blazor.web.js</c>, read once from the embedded resources of the runtime pack's
/// Microsoft.AspNetCore.Components.Endpoints.dll (copied to <c>blazor-script/</c> at build time; see the csproj).
/// The assembly is only read as a file, never loaded.
/// </summary>
public static class FrameworkScriptApi
{
    private const string ResourceName = "_framework/blazor.web.js";

    public static IEndpointRouteBuilder MapFrameworkScriptApi(this IEndpointRouteBuilder app)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "blazor-script", "Microsoft.AspNetCore.Components.Endpoints.dll");
        var script = new Lazy<byte[]>(() => ReadResource(path, ResourceName));
        app.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(script.Value, "text/javascript");
        });
        return app;
    }

    public static byte[] ReadResource(string assemblyPath, string resourceName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!metadata.StringComparer.Equals(resource.Name, resourceName))
            {
                continue;
            }

            // Embedded resources live in the CLI resources directory: a 4-byte length, then the bytes.
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var block = pe.GetSectionData(directory.RelativeVirtualAddress);
            var reader = block.GetReader((int)resource.Offset, directory.Size - (int)resource.Offset);
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }

        throw new InvalidOperationException($"{resourceName} is not embedded in {assemblyPath}.");
    }
}
