using System.Security.Cryptography;

namespace PatchDb.AppHost.Hosting;

/// <summary>Random secrets generated on first use and kept (mode 0600) in the data folder, never in the repo.</summary>
public static class Secrets
{
    public static string GetOrCreate(string dataDir, string name)
    {
        var path = Path.Combine(dataDir, "secrets", name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var value = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        File.WriteAllText(path, value);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return value;
    }
}
