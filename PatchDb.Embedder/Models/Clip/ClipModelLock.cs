using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// The lock file beside the cached CLIP files (<c>{cache folder}/model.lock.json</c>): the SHA-256 and size of every
/// file as first downloaded (trust on first use). Every later load checks the files against it and refuses a changed
/// one; deleting it trusts the next download again. <see cref="Commit"/> is the commit the revision resolved to, so
/// files fetched later (say the text encoder, once enabled) come from the same commit.
/// </summary>
public sealed record ClipModelLock(string Repository, string Revision, string? Commit, IReadOnlyList<ClipLockedFile> Files)
{
    public const string FileName = "model.lock.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public ClipLockedFile? Find(string file) => Files.FirstOrDefault(f => f.File == file);

    public ClipModelLock With(ClipLockedFile file, string? commit) =>
        this with { Commit = Commit ?? commit, Files = [.. Files.Where(f => f.File != file.File), file] };

    /// <summary>The lock in <paramref name="path"/>, or null when there is none yet.</summary>
    public static ClipModelLock? Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClipModelLock>(System.IO.File.ReadAllBytes(path), s_json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            // A lock that cannot be read vouches for nothing; re-trusting must be the operator's decision.
            throw new ClipModelUnavailableException($"The CLIP lock file {path} is unreadable ({e.Message}); delete it to download and trust the files again.", e);
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a crash never leaves half a lock.</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        System.IO.File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, s_json));
        System.IO.File.Move(temporary, path, overwrite: true);
    }
}
