namespace PatchDb.Tests.AppHost;

/// <summary>Linux processes read from /proc: who started whom, and what still runs.</summary>
public sealed record ProcessTable(IReadOnlyList<ProcessTable.Entry> Entries)
{
    public sealed record Entry(int Pid, int ParentPid, string Name, string CommandLine)
    {
        /// <summary>The program's file name from the command line (the kernel's name is cut at 15 characters).</summary>
        public string Program => Path.GetFileName(CommandLine.Split(' ')[0]);

        public bool Runs(string program) => Program.StartsWith(program, StringComparison.Ordinal) || CommandLine.Contains($"/{program}.dll", StringComparison.Ordinal);
    }

    public static ProcessTable Read() =>
        new([.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? TryRead(pid) : null)
            .OfType<Entry>()]);

    /// <summary><paramref name="roots"/> and every process below them.</summary>
    public IReadOnlyList<Entry> Tree(IEnumerable<int> roots)
    {
        var found = Entries.Where(e => roots.Contains(e.Pid)).ToList();
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(Entries.Where(e => e.ParentPid == found[i].Pid && !found.Contains(e)));
        }
        return found;
    }

    /// <summary>DCP's API servers watching <paramref name="pid"/>: DCP detaches itself, so it is nobody's child.</summary>
    public IEnumerable<int> DcpServersMonitoring(int pid) =>
        Entries.Where(e => e.CommandLine.Contains("dcp start-apiserver", StringComparison.Ordinal)
                           && e.CommandLine.Contains($"--monitor {pid} ", StringComparison.Ordinal)).Select(e => e.Pid);

    /// <summary>Still running (the same command line, so a reused PID does not count).</summary>
    public static bool IsRunning(Entry process) => TryRead(process.Pid) is { } now && now.CommandLine == process.CommandLine;

    /// <summary>Waits until none of <paramref name="processes"/> runs any more; returns those still running.</summary>
    public static async Task<IReadOnlyList<Entry>> WaitUntilGoneAsync(IReadOnlyList<Entry> processes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (processes.Any(IsRunning) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        return [.. processes.Where(IsRunning)];
    }

    static Entry? TryRead(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            if (fields[0] == "Z")
            {
                return null; // a zombie has finished; only its parent's bookkeeping is left
            }
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return new Entry(pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), stat[(stat.IndexOf('(') + 1)..close], commandLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
