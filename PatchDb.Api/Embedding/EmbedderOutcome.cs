namespace PatchDb.Api.Embedding;

public enum EmbedderOutcome
{
    Success,
    /// <summary>The Embedder answered 4xx: the input itself is refused (too large, not an image, corrupt).</summary>
    Rejected,
    /// <summary>The Embedder does not support the operation (no text encoder).</summary>
    NotSupported,
    /// <summary>Down, slow or failing: worth retrying later.</summary>
    Unavailable,
}
