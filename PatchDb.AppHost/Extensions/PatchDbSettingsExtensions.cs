using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>The AppHost's own settings (<c>PatchDb:*</c> in configuration, e.g. <c>PatchDb__DataDirectory</c>).</summary>
public static class PatchDbSettingsExtensions
{
    /// <summary>Local data (Postgres cluster, Redis AOF, blobs, secrets): <c>PatchDb:DataDirectory</c>, default
    /// <c>.patchdb/</c> at the repository root (gitignored).</summary>
    public static string GetDataDirectory(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration["PatchDb:DataDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.GetRepositoryRoot(), ".patchdb"));

    /// <summary>The Web's fixed local port, so people find it without the dashboard: <c>PatchDb:WebPort</c>, default
    /// 5080; 0 lets DCP choose.</summary>
    public static int? GetWebPort(this IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsRunMode && builder.Configuration.GetValue("PatchDb:WebPort", 5080) is var port and > 0 ? port : null;

    public static string GetRepositoryRoot(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
}
