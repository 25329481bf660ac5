using System.Diagnostics;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.AppHost;

/// <summary>The publish manifest azd reads: `PatchDb.AppHost --publisher manifest --output-path FILE`.</summary>
public sealed class AppHostManifestTests
{
    [Fact]
    public async Task By_default_the_manifest_takes_postgres_redis_and_blob_storage_as_connection_strings()
    {
        var resources = await PublishAsync();

        foreach (var name in new[] { "patchdb", "cache", "blobs" })
        {
            Assert.Equal("parameter.v0", resources.Type(name));
            Assert.Equal($"{{{name}.value}}", resources.GetProperty(name).GetProperty("connectionString").GetString());
            Assert.True(resources.GetProperty(name).GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        }
        Assert.DoesNotContain(resources.EnumerateObject(), r => r.Value.GetProperty("type").GetString()!.StartsWith("container.v0", StringComparison.Ordinal));
        var api = resources.Env("api");
        Assert.Equal("AzureBlob", api["Storage__Provider"]);
        Assert.Equal("{blobs.connectionString}", api["Storage__AzureBlob__ConnectionString"]);
        AssertServices(resources);
    }

    [Fact]
    public async Task With_the_containers_backing_postgres_and_redis_are_containers_with_data_volumes()
    {
        var resources = await PublishAsync("--PatchDb:Backing=containers");

        foreach (var (name, image) in new[] { ("postgres", "postgres"), ("cache", "redis") })
        {
            Assert.Equal("container.v0", resources.Type(name));
            Assert.Contains(image, resources.GetProperty(name).GetProperty("image").GetString(), StringComparison.Ordinal);
            Assert.Single(resources.GetProperty(name).GetProperty("volumes").EnumerateArray());
        }
        Assert.Equal("{postgres.connectionString};Database=patchdb", resources.GetProperty("patchdb").GetProperty("connectionString").GetString());
        Assert.False(resources.TryGetProperty("blobs", out _));
        AssertServices(resources);
    }

    /// <summary>The same three services whatever the backing: only the web external, the signing key a secret
    /// parameter, ONNX Runtime's telemetry off, and the environment each service reads.</summary>
    static void AssertServices(JsonElement resources)
    {
        Assert.Equal("container.v1", resources.Type("embedder"));
        Assert.EndsWith("PatchDb.Embedder/Dockerfile", resources.GetProperty("embedder").GetProperty("build").GetProperty("dockerfile").GetString(), StringComparison.Ordinal);
        Assert.Equal(("project.v0", "project.v0"), (resources.Type("api"), resources.Type("web")));
        Assert.Equal(["web"], resources.EnumerateObject()
            .Where(r => r.Value.TryGetProperty("bindings", out var bindings)
                        && bindings.EnumerateObject().Any(b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean()))
            .Select(r => r.Name));

        var key = resources.GetProperty("jwt-signing-key");
        Assert.Equal("parameter.v0", key.GetProperty("type").GetString());
        Assert.True(key.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.False(key.GetProperty("inputs").GetProperty("value").TryGetProperty("value", out _)); // generated at deploy, never written

        var embedder = resources.Env("embedder");
        Assert.Equal("1", embedder["ORT_DISABLE_TELEMETRY"]);
        Assert.Equal("{cache.connectionString}", embedder["ConnectionStrings__cache"]);
        var api = resources.Env("api");
        Assert.Equal("{jwt-signing-key.value}", api["Jwt__SigningKey"]);
        Assert.Equal("{patchdb.connectionString}", api["ConnectionStrings__patchdb"]);
        Assert.Equal("{cache.connectionString}", api["ConnectionStrings__cache"]);
        Assert.Equal("{embedder.bindings.http.url}", api["services__embedder__http__0"]);
        // Aspire's default for published projects, behind Container Apps' ingress: the Web needs the browser's
        // address, the Api the one the Web forwards (its login limit counts collectors apart).
        Assert.Equal("true", api["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        var web = resources.Env("web");
        Assert.Equal("{api.bindings.http.url}", web["services__api__http__0"]);
        Assert.Equal("{cache.connectionString}", web["ConnectionStrings__cache"]); // Data Protection keys shared by replicas
        Assert.Equal("true", web["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
    }

    static async Task<JsonElement> PublishAsync(params string[] settings)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("patchdb-manifest-").FullName;
        try
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var dll = Path.Combine(RepoPaths.Root, "PatchDb.AppHost", "bin", configuration, "net10.0", "PatchDb.AppHost.dll");
            var manifest = Path.Combine(folder, "manifest.json");
            var start = new ProcessStartInfo("dotnet", [dll, "--publisher", "manifest", "--output-path", manifest, .. settings])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            Assert.True(process.ExitCode == 0, $"the AppHost exited with {process.ExitCode}:\n{await output}\n{await errors}");
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(manifest, ct));
            return json.RootElement.GetProperty("resources").Clone();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
