using System.Text.RegularExpressions;
using System.Xml.Linq;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Deployment;

/// <summary>
/// The files azd and the container builds read, checked where no container engine can build them: the Embedder's
/// Dockerfile (stock ASP.NET base, only the libraries OpenCvSharp's native library links added, no ONNX Runtime telemetry, non-root, every path it
/// copies present), the SDK-built images of the Api and the Web, and azure.yaml pointing at the AppHost.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "PatchDb.Embedder", "Dockerfile"))
        .Where(l => !l.TrimStart().StartsWith('#')).ToArray();

    [Fact]
    public void The_embedder_image_runs_on_the_stock_aspnet_image_built_by_the_sdk_image()
    {
        var from = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, from.Length);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", from[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final", from[1], StringComparison.Ordinal);
        Assert.Contains(Lines, l => l.Contains("dotnet publish PatchDb.Embedder/PatchDb.Embedder.csproj -c Release -r linux-x64", StringComparison.Ordinal));
        Assert.Contains("ENTRYPOINT [\"./PatchDb.Embedder\"]", Lines);
    }

    [Fact]
    public void The_embedder_image_adds_only_what_opencv_links_and_disables_onnx_runtime_telemetry_as_a_non_root_user()
    {
        var text = string.Join('\n', Lines).Replace("\\\n", " ", StringComparison.Ordinal);
        var installs = AptInstall().Matches(text).Select(m => m.Groups["packages"].Value.Trim()).ToArray();
        Assert.Equal(["libgtk-3-0t64 libdrm2 libatomic1"], installs);
        Assert.Equal(1, Regex.Count(text, "apt-get install"));
        Assert.Contains("rm -rf /var/lib/apt/lists/*", text, StringComparison.Ordinal);
        Assert.Matches(@"ENV ORT_DISABLE_TELEMETRY=1\b", text);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", text, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080", Lines);
        var user = Assert.Single(Lines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Equal("USER $APP_UID", user);
        Assert.Equal(Array.IndexOf(Lines, user), Array.FindLastIndex(Lines, l => l.StartsWith("USER ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_path_the_embedder_image_copies_from_the_repository_exists()
    {
        var copies = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal));
        var sources = copies.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToArray();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.True(Path.Exists(Path.Combine(RepoPaths.Root, s)), $"{s} is not in the repository"));
        // The context is the repository root; its .dockerignore must keep the sources the image copies.
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"));
        Assert.DoesNotContain(ignored, l => l.Trim() is "PatchDb.Embedder/" or "PatchDb.ServiceDefaults/" or "*.csproj" or "*.props");
    }

    [Theory]
    [InlineData("PatchDb.Api")]
    [InlineData("PatchDb.Web")]
    public void The_api_and_the_web_publish_as_containers_on_the_stock_aspnet_image(string project)
    {
        var csproj = XDocument.Load(Path.Combine(RepoPaths.Root, project, $"{project}.csproj"));
        Assert.Equal("Microsoft.NET.Sdk.Web", csproj.Root!.Attribute("Sdk")?.Value);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", csproj.Descendants("ContainerBaseImage").Single().Value);
    }

    [Fact]
    public void Azure_yaml_deploys_the_apphost_to_container_apps()
    {
        var yaml = File.ReadAllLines(Path.Combine(RepoPaths.Root, "azure.yaml")).Select(l => l.Trim()).ToArray();
        Assert.Contains("name: patchdb", yaml);
        Assert.Contains("language: dotnet", yaml);
        Assert.Contains("host: containerapp", yaml);
        var project = Assert.Single(yaml, l => l.StartsWith("project: ", StringComparison.Ordinal))["project: ".Length..];
        Assert.Equal("./PatchDb.AppHost/PatchDb.AppHost.csproj", project);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, project)));
    }

    [GeneratedRegex(@"apt-get install -y --no-install-recommends (?<packages>[^&\n]+)")]
    private static partial Regex AptInstall();
}
