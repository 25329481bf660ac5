namespace PatchDb.Api.Services;

/// <summary>Folder and file names of the photo export: one folder per group, named after it (made safe for every
/// file system, and unique when two groups share a name), files numbered in the order they were added.</summary>
public sealed class ExportNames
{
    private readonly Dictionary<Guid, string> _folders = [];
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _files = [];

    public string Folder(Guid? groupId, string name)
    {
        var key = groupId ?? Guid.Empty;
        if (_folders.TryGetValue(key, out var folder))
        {
            return folder;
        }
        var safe = Safe(name);
        folder = safe;
        for (var n = 2; !_taken.Add(folder); n++)
        {
            folder = $"{safe} ({n})";
        }
        _folders[key] = folder;
        return folder;
    }

    public string File(string folder, string extension)
    {
        var n = _files[folder] = _files.GetValueOrDefault(folder) + 1;
        return $"{folder}/{n:D3}{extension}";
    }

    public static string Safe(string name)
    {
        var chars = name.Select(c => char.IsControl(c) || "/\\:*?\"<>|".Contains(c) ? '_' : c).ToArray();
        var safe = new string(chars).Trim().Trim('.').Trim();
        return safe.Length == 0 ? "Group" : safe;
    }
}
