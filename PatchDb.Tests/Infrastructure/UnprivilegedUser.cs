namespace PatchDb.Tests.Infrastructure;

internal static class UnprivilegedUser
{
    /// <summary>The user to run servers as when we are root (Debian's "postgres" if present); null otherwise.</summary>
    public static string? WhenRoot()
    {
        if (Environment.UserName != "root")
        {
            return null;
        }

        var passwd = File.ReadAllLines("/etc/passwd");
        return passwd.Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";
    }
}
