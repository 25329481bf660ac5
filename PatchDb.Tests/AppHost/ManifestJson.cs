using System.Text.Json;

namespace PatchDb.Tests.AppHost;

/// <summary>Reading an Aspire manifest's <c>resources</c> object.</summary>
public static class ManifestJson
{
    public static string? Type(this JsonElement resources, string name) => resources.GetProperty(name).GetProperty("type").GetString();

    public static Dictionary<string, string?> Env(this JsonElement resources, string name) =>
        resources.GetProperty(name).GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
}
