using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// The download cache of one repository revision, <c>{CacheDir}/{owner}_{name}/{revision}</c>, with its lock file
/// (<see cref="ClipModelLock"/>). Trust on first use: a file no pin or lock vouches for is downloaded and its SHA-256
/// recorded; a file the lock (or a pin, which wins) vouches for is hashed at every load, and a changed one is refused
/// rather than replaced, since only the operator can tell an upgrade from tampering.
/// </summary>
public static class ClipModelCache
{
    /// <summary>{CacheDir}/{owner}_{name}/{revision}: one folder per revision, so a new revision never mixes files.</summary>
    public static string Folder(ClipModelOptions options) =>
        Path.GetFullPath(Path.Combine(options.CacheDir, options.Repository.Replace('/', '_').Replace('\\', '_'),
            options.Revision.Replace('/', '_').Replace('\\', '_')));

    public static string LockPath(ClipModelOptions options) => Path.Combine(Folder(options), ClipModelLock.FileName);

    /// <summary>Makes the folder hold every wanted file, verified; returns the lock that vouches for them.</summary>
    public static async Task<ClipModelLock> EnsureAsync(ClipModelOptions options, ILogger logger, CancellationToken ct)
    {
        var folder = Folder(options);
        var lockPath = LockPath(options);
        var trusted = ClipModelLock.Read(lockPath) ?? new ClipModelLock(options.Repository, options.Revision, null, []);
        var missing = await VerifyAsync(options, folder, trusted, lockPath, logger, ct);
        if (missing.Count == 0)
        {
            return trusted;
        }

        if (!options.DownloadEnabled)
        {
            throw new ClipModelUnavailableException(
                $"CLIP model '{options.ModelId}' is not available: Embedder:Clip:ModelPath is not set, '{folder}' lacks " +
                $"a verified {string.Join(", ", missing)}, and downloads are disabled (Embedder:Clip:DownloadEnabled=false).");
        }

        await using var exclusive = await ClipDownloadLock.AcquireAsync(folder, logger, ct);
        // Another Embedder may have fetched them while this one waited.
        trusted = ClipModelLock.Read(lockPath) ?? trusted;
        missing = await VerifyAsync(options, folder, trusted, lockPath, logger, ct);
        using var downloader = new ClipModelDownloader(options, logger);
        foreach (var file in missing)
        {
            var expected = Expected(options, trusted, file);
            // Once a branch has resolved, the rest comes from that commit, not from wherever the branch is now.
            var got = await downloader.DownloadAsync(trusted.Commit ?? options.Revision, file, Path.Combine(folder, file), expected, ct);
            trusted = trusted.With(new ClipLockedFile(file, got.Size, got.Sha256, DateTimeOffset.UtcNow), got.Commit);
            // Written after every file: a crash later leaves nothing on disk that the lock does not vouch for.
            trusted.Write(lockPath);
            ClipModelLog.Locked(logger, file, lockPath);
        }

        return trusted;
    }

    /// <summary>The files still to download; throws for a present file that differs from what vouches for it.</summary>
    private static async Task<List<string>> VerifyAsync(
        ClipModelOptions options, string folder, ClipModelLock trusted, string lockPath, ILogger logger, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var missing = new List<string>();
        var verified = 0;
        foreach (var file in WantedFiles(options))
        {
            var path = Path.Combine(folder, file);
            var expected = Expected(options, trusted, file);
            if (!File.Exists(path) || expected is null)
            {
                // A file nothing vouches for (say a crash between its rename and the lock write) is fetched again.
                missing.Add(file);
                continue;
            }

            var actual = await ClipModelDownloader.HashAsync(path, ct);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                var pinned = Pinned(options, file) is not null;
                var refused = new ClipModelUnavailableException(
                    $"CLIP model file {path} has SHA-256 {actual}, but {(pinned ? $"Embedder:Clip:Files:{file} pins" : $"{lockPath} recorded")} "
                    + $"{expected.ToLowerInvariant()}{(pinned ? "" : $" on {trusted.Find(file)!.DownloadedAt:u}")}: it changed, so it is refused. "
                    + (pinned
                        ? "Fix the pin, or delete the file to download it again."
                        : $"If it is an intended upgrade, delete {lockPath}: the next start downloads {options.Revision} again and trusts that."));
                ClipModelLog.Refused(logger, refused.Message);
                throw refused;
            }

            verified++;
        }

        if (verified > 0)
        {
            ClipModelLog.Verified(logger, verified, lockPath, watch.ElapsedMilliseconds);
        }

        return missing;
    }

    private static IEnumerable<string> WantedFiles(ClipModelOptions options) =>
        options.Files.Keys.Where(f => options.IncludeTextual || !f.StartsWith(ClipModelLayout.TextualDir + "/", StringComparison.Ordinal));

    private static string? Pinned(ClipModelOptions options, string file) =>
        options.Files.TryGetValue(file, out var sha) && !string.IsNullOrWhiteSpace(sha) ? sha.Trim() : null;

    /// <summary>What a file must hash to: its pin in configuration when given, else what the lock recorded.</summary>
    private static string? Expected(ClipModelOptions options, ClipModelLock trusted, string file) =>
        Pinned(options, file) ?? trusted.Find(file)?.Sha256;
}
