using System.Text.Json;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>One photo a client uploaded, with every attempt under its single Idempotency-Key.</summary>
public sealed class UploadRecord(int client, DrillPhoto photo, string key)
{
    public int Client => client;

    public DrillPhoto Photo => photo;

    public string Key => key;

    public string Sha256 { get; } = photo.Sha256;

    public List<UploadAttempt> Attempts { get; } = [];

    /// <summary>The image id of the 201 answer; null if the client never got one.</summary>
    public Guid? AckedId { get; set; }

    public string? AckedStatus { get; set; }

    public DateTimeOffset? AckedAt { get; set; }

    /// <summary>Image ids among the answer's matches.</summary>
    public List<Guid> MatchedIds { get; } = [];

    public int Replica { get; set; }

    public void Acknowledge(JsonElement body, DateTimeOffset at)
    {
        AckedId = body.GetProperty("patch").GetProperty("id").GetGuid();
        AckedStatus = body.GetProperty("status").GetString();
        AckedAt = at;
        foreach (var list in new[] { "matches", "ungrouped_matches" })
        {
            if (body.TryGetProperty(list, out var items))
            {
                MatchedIds.AddRange(items.EnumerateArray().Where(m => m.TryGetProperty("id", out _)).Select(m => m.GetProperty("id").GetGuid()));
            }
        }
    }
}
