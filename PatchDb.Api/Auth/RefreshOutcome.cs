namespace PatchDb.Api.Auth;

/// <summary>A rotation's result: the new token and its owner, or null fields when the token was refused.</summary>
public sealed record RefreshOutcome(Guid? UserId, string? Username, string? Token, bool Reused)
{
    public static readonly RefreshOutcome Refused = new(null, null, null, false);
}
