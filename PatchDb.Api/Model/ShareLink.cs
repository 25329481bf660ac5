namespace PatchDb.Api.Model;

/// <summary>A read-only link to part of a collection. Only the SHA-256 of its token is stored.</summary>
public sealed class ShareLink
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public ShareScope Scope { get; set; }

    // Set exactly when Scope is Group.
    public Guid? GroupId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastOpenedAt { get; set; }
}
