using System.Globalization;

namespace PatchDb.AppHost.LocalServers;

/// <summary>
/// The unprivileged account a root AppHost runs Postgres as (Postgres refuses to run as root). <c>setpriv</c> execs the
/// server, so DCP's child is the server itself and DCP's stop signal reaches it directly (<c>runuser</c> would leave a
/// root parent in between).
/// </summary>
internal sealed record ServerAccount(string Name, int Uid, int Gid)
{
    const string PreferredName = "patchdb";

    /// <summary>Null when the AppHost is not root: the servers then run as the current user.</summary>
    public static ServerAccount? WhenRoot()
    {
        if (Environment.UserName != "root")
        {
            return null;
        }
        if (Lookup(PreferredName) is null)
        {
            ToolRunner.Run("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", PreferredName);
        }
        return Lookup(PreferredName) ?? throw new InvalidOperationException($"Could not create the system user '{PreferredName}' for Postgres (useradd).");
    }

    /// <summary>The command line that runs <paramref name="program"/> as this account.</summary>
    public (string Command, string[] Args) Wrap(string program, params string[] args) =>
        ("setpriv", [$"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", "--", program, .. args]);

    public void Own(params string[] paths)
    {
        foreach (var path in paths)
        {
            ToolRunner.Run("chown", "-R", $"{Uid}:{Gid}", path);
        }
    }

    static ServerAccount? Lookup(string name) =>
        File.ReadLines("/etc/passwd").Select(line => line.Split(':'))
            .Where(f => f.Length > 3 && f[0] == name)
            .Select(f => new ServerAccount(name, int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)))
            .FirstOrDefault();
}
