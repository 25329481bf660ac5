namespace PatchDb.Api.Model;

public sealed class User
{
    public Guid Id { get; set; }

    public required string Username { get; set; }

    // Lower-cased username: uniqueness is case-insensitive without needing the citext extension.
    public required string NormalizedUsername { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
