using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace PatchDb.AppHost.LocalServers;

/// <summary>
/// A random secret kept beside the data it protects (<c>.patchdb/secrets/</c>, mode 0600, gitignored), so that a
/// cluster made by initdb and its superuser password can never drift apart.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LocalSecret
{
    public static string GetOrCreate(string dataDirectory, string name)
    {
        var path = Path.Combine(dataDirectory, "secrets", name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, value);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return value;
    }
}
