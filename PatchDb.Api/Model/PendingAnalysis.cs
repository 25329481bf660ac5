namespace PatchDb.Api.Model;

/// <summary>Outbox row: an uploaded image whose analysis by the Embedder has not completed yet.</summary>
public sealed class PendingAnalysis
{
    public Guid ImageId { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
