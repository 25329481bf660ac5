namespace PatchDb.Api.Model;

/// <summary>An <c>Idempotency-Key</c> of one user's upload: claimed before the image is stored, bound to the image in
/// the image's own transaction, and then holding the first answer, so a retry replays it instead of storing again.</summary>
public sealed class UploadKey
{
    public Guid UserId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the photo: the same key with other bytes is a client error, not a retry.</summary>
    public required string RequestSha256 { get; set; }

    /// <summary>Null while the first request is in flight (no image committed yet).</summary>
    public Guid? ImageId { get; set; }

    /// <summary>The first answer's JSON body (its status is always 201: only stored images are remembered).</summary>
    public string? Response { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
