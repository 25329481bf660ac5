namespace PatchDb.AppHost.Hosting;

/// <summary>The <c>dotnet</c> muxer that runs the service assemblies.</summary>
public static class DotnetHost
{
    public static string Path { get; } = Find();

    static string Find()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }
        if (System.Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => System.IO.Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists);
        return onPath ?? "dotnet";
    }
}
