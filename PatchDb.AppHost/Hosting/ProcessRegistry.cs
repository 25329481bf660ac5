namespace PatchDb.AppHost.Hosting;

/// <summary>
/// Remembers the process groups of this run in the data folder; the next run kills any that survived
/// (belt and braces behind the parent-death signal, e.g. when a child ignored it). A process is identified by
/// its PID and its kernel start time, so a recycled PID is never mistaken for a leftover.
/// </summary>
public sealed class ProcessRegistry(string dataDir)
{
    readonly string _file = Path.Combine(dataDir, "apphost.pids");
    readonly Lock _lock = new();

    public void Add(int pid)
    {
        lock (_lock)
        {
            File.AppendAllLines(_file, [$"{pid}\t{StartTime(pid)}"]);
        }
    }

    public void Remove(int pid)
    {
        lock (_lock)
        {
            if (File.Exists(_file))
            {
                File.WriteAllLines(_file, File.ReadAllLines(_file).Where(l => !l.StartsWith($"{pid}\t", StringComparison.Ordinal)));
            }
        }
    }

    /// <summary>Kills leftovers of a previous run that was killed before it could stop its children.</summary>
    public int KillLeftovers()
    {
        if (!File.Exists(_file))
        {
            return 0;
        }
        var killed = 0;
        foreach (var line in File.ReadAllLines(_file))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && int.TryParse(parts[0], out var pid) && parts[1].Length > 0 && StartTime(pid) == parts[1])
            {
                NativeMethods.Kill(-pid, NativeMethods.SIGKILL);
                NativeMethods.Kill(pid, NativeMethods.SIGKILL);
                killed++;
            }
        }
        File.Delete(_file);
        return killed;
    }

    /// <summary>Field 22 of <c>/proc/{pid}/stat</c> (clock ticks after boot); empty when the process is gone.</summary>
    static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
