using System.Diagnostics;

namespace PatchDb.AppHost.Hosting;

/// <summary>The account Postgres runs as when the AppHost runs as root (Postgres refuses to run as root).</summary>
public sealed record UnprivilegedUser(string Name, uint Uid, uint Gid)
{
    const string Preferred = "patchdb";

    /// <summary>Null when the AppHost is not root: then everything runs as the current user.</summary>
    public static UnprivilegedUser? ForCurrentProcess()
    {
        if (NativeMethods.GetEuid() != 0)
        {
            return null;
        }
        if (Lookup(Preferred) is { } existing)
        {
            return existing;
        }
        Run("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", Preferred);
        return Lookup(Preferred) ?? Lookup("nobody")
            ?? throw new InvalidOperationException("No unprivileged user (patchdb or nobody) is available for Postgres.");
    }

    public void Own(string path) => Run("chown", "-R", $"{Uid}:{Gid}", path);

    static UnprivilegedUser? Lookup(string name)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var f = line.Split(':');
            if (f.Length > 3 && f[0] == name)
            {
                return new UnprivilegedUser(name, uint.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                    uint.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return null;
    }

    static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true });
        p?.WaitForExit();
    }
}
