namespace PatchDb.AppHost.Hosting;

/// <summary>Finds the repository root (the folder holding PatchDb.sln) from the binary or the working folder.</summary>
public static class RepoPaths
{
    public static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PatchDb.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("PatchDb.sln not found above the AppHost binary or the working folder.");
    }
}
